package llm

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cablebrief/summarize/summarizer"
)

func TestSchemaGolden(t *testing.T) {
	for _, tc := range []struct {
		name   string
		v      any
		enums  map[string][]string
		golden string
	}{
		{"section, default labels", sectionAnswer{}, map[string][]string{"labels": summarizer.DefaultLabels, "voices": summarizer.Voices}, "section_schema.golden.json"},
		{"overview", overviewAnswer{}, nil, "overview_schema.golden.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, indented, err := schemaJSON(tc.v, tc.enums)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tc.golden, []byte(indented+"\n"))
		})
	}
}

// TestSchemaStrict checks the OpenAI strict-mode rules on the generated schemas: every
// object closed and all its properties required, only supported keywords, enums where
// the labels and voices go.
func TestSchemaStrict(t *testing.T) {
	labels := []string{"for", "against"}
	for _, v := range []any{sectionAnswer{}, overviewAnswer{}} {
		compact, _, err := schemaJSON(v, map[string][]string{"labels": labels, "voices": summarizer.Voices})
		if err != nil {
			t.Fatal(err)
		}
		var root map[string]any
		if err := json.Unmarshal(compact, &root); err != nil {
			t.Fatal(err)
		}
		checkStrict(t, "$", root)
	}
	compact, _, _ := schemaJSON(sectionAnswer{}, map[string][]string{"labels": labels, "voices": summarizer.Voices})
	var s struct {
		Properties struct {
			Stances struct {
				Items struct {
					Properties struct {
						Label, Voice struct {
							Enum []string `json:"enum"`
						}
					} `json:"properties"`
				} `json:"items"`
			} `json:"stances"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(compact, &s); err != nil {
		t.Fatal(err)
	}
	p := s.Properties.Stances.Items.Properties
	if diff := cmp.Diff(labels, p.Label.Enum); diff != "" {
		t.Errorf("label enum (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(summarizer.Voices, p.Voice.Enum); diff != "" {
		t.Errorf("voice enum (-want +got):\n%s", diff)
	}
}

func checkStrict(t *testing.T, path string, n map[string]any) {
	t.Helper()
	allowed := []string{"type", "description", "enum", "items", "properties", "required", "additionalProperties"}
	for k := range n {
		if !slices.Contains(allowed, k) {
			t.Errorf("%s: keyword %q is not allowed in strict mode", path, k)
		}
	}
	switch n["type"] {
	case "object":
		if n["additionalProperties"] != false {
			t.Errorf("%s: additionalProperties: got %v, want false", path, n["additionalProperties"])
		}
		props, _ := n["properties"].(map[string]any)
		var names []string
		for k := range props {
			names = append(names, k)
		}
		var req []string
		for _, r := range n["required"].([]any) {
			req = append(req, r.(string))
		}
		slices.Sort(names)
		slices.Sort(req)
		if !slices.Equal(names, req) {
			t.Errorf("%s: required %v, want every property %v", path, req, names)
		}
		for k, v := range props {
			checkStrict(t, path+"."+k, v.(map[string]any))
		}
	case "array":
		items, ok := n["items"].(map[string]any)
		if !ok {
			t.Fatalf("%s: array without items", path)
		}
		checkStrict(t, path+"[]", items)
	case "string", "integer", "number", "boolean":
	default:
		t.Errorf("%s: type %v", path, n["type"])
	}
}

func TestGenerateSchemaErrors(t *testing.T) {
	type withMap struct {
		M map[string]string `json:"m"`
	}
	type withEnum struct {
		L string `json:"l" enum:"labels"`
	}
	type intEnum struct {
		N int `json:"n" enum:"labels"`
	}
	for _, tc := range []struct {
		name  string
		v     any
		enums map[string][]string
		want  string
	}{
		{"map", withMap{}, nil, "unsupported type"},
		{"missing enum values", withEnum{}, nil, `no values for enum "labels"`},
		{"empty enum values", withEnum{}, map[string][]string{"labels": {}}, `no values for enum "labels"`},
		{"enum on an integer", intEnum{}, map[string][]string{"labels": {"a"}}, "enum on a integer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := generateSchema(reflect.TypeOf(tc.v), tc.enums)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got error %v, want one containing %q", err, tc.want)
			}
		})
	}
}
