package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/cablebrief/summarize/summarizer"
)

// validate checks v (as decoded by encoding/json into any) against schema, for the subset
// of JSON Schema that Schema uses: type, properties, required, items, enum,
// additionalProperties (false or a schema) and local "#/$defs/..." $ref. It returns every
// violation as "path: reason", sorted.
func validate(root map[string]any, schema map[string]any, v any, path string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		name, found := strings.CutPrefix(ref, "#/$defs/")
		defs, _ := root["$defs"].(map[string]any)
		def, _ := defs[name].(map[string]any)
		if !found || def == nil {
			return []string{path + ": unresolved $ref " + ref}
		}
		return validate(root, def, v, path)
	}
	var errs []string
	if t, ok := schema["type"]; ok && !typeMatches(t, v) {
		return []string{fmt.Sprintf("%s: %s is not of type %v", path, jsonType(v), t)}
	}
	if enum, ok := schema["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			if e == v {
				found = true
			}
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %v is not one of %v", path, v, enum))
		}
	}
	switch v := v.(type) {
	case map[string]any:
		props, _ := schema["properties"].(map[string]any)
		if req, ok := schema["required"].([]any); ok {
			for _, r := range req {
				if _, ok := v[r.(string)]; !ok {
					errs = append(errs, fmt.Sprintf("%s: missing required %q", path, r))
				}
			}
		}
		for k, x := range v {
			if ps, ok := props[k].(map[string]any); ok {
				errs = append(errs, validate(root, ps, x, path+"."+k)...)
				continue
			}
			switch ap := schema["additionalProperties"].(type) {
			case bool:
				if !ap {
					errs = append(errs, fmt.Sprintf("%s: unexpected property %q", path, k))
				}
			case map[string]any:
				errs = append(errs, validate(root, ap, x, path+"."+k)...)
			}
		}
	case []any:
		if items, ok := schema["items"].(map[string]any); ok {
			for i, x := range v {
				errs = append(errs, validate(root, items, x, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	}
	sort.Strings(errs)
	return errs
}

func typeMatches(t any, v any) bool {
	switch t := t.(type) {
	case string:
		return t == jsonType(v) || (t == "number" && jsonType(v) == "integer")
	case []any:
		for _, x := range t {
			if typeMatches(x, v) {
				return true
			}
		}
	}
	return false
}

func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case float64:
		if v == math.Trunc(v) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func decode(tb testing.TB, b []byte) any {
	tb.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		tb.Fatal(err)
	}
	return v
}

func schemaMap(tb testing.TB) map[string]any {
	tb.Helper()
	m, ok := decode(tb, Schema).(map[string]any)
	if !ok {
		tb.Fatal("Schema is not a JSON object")
	}
	return m
}

func TestReportsMatchSchema(t *testing.T) {
	schema := schemaMap(t)
	for name, r := range map[string]func(testing.TB) *summarizer.Report{
		"07PARIS2726": func(tb testing.TB) *summarizer.Report { return loadReport(tb, "07PARIS2726.json") },
		"degraded":    degradedReport,
		"minimal": func(testing.TB) *summarizer.Report {
			return &summarizer.Report{SchemaVersion: summarizer.SchemaVersion, Cable: &summarizer.Cable{ID: "07MADRID911"}}
		},
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteJSON(&buf, r(t)); err != nil {
				t.Fatal(err)
			}
			if errs := validate(schema, schema, decode(t, buf.Bytes()), "$"); len(errs) > 0 {
				t.Errorf("report does not match Schema:\n%s", strings.Join(errs, "\n"))
			}
		})
	}
}

// TestValidatorRejects shows that the validator, and the schema, can fail: each case
// breaks the fixture's JSON in one place.
func TestValidatorRejects(t *testing.T) {
	schema := schemaMap(t)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, loadReport(t, "07PARIS2726.json")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		breakIt func(m map[string]any)
		want    string
	}{
		{"missing required", func(m map[string]any) { delete(m, "positions") }, `$: missing required "positions"`},
		{"unexpected property", func(m map[string]any) { m["extra"] = 1 }, `$: unexpected property "extra"`},
		{"wrong type", func(m map[string]any) { m["warnings"] = nil }, `$.warnings: null is not of type array`},
		{"bad enum", func(m map[string]any) { m["schema_version"] = "2" }, `$.schema_version: 2 is not one of [1]`},
		{"nested item", func(m map[string]any) {
			m["sections"].([]any)[2].(map[string]any)["stances"].([]any)[0].(map[string]any)["voice"] = "rumour"
		}, `$.sections[2].stances[0].voice: rumour is not one of`},
		{"integer", func(m map[string]any) {
			m["cable"].(map[string]any)["paragraphs"].([]any)[0].(map[string]any)["number"] = 1.5
		}, `$.cable.paragraphs[0].number: number is not of type integer`},
		{"null in list", func(m map[string]any) { m["cable"].(map[string]any)["tags"] = nil }, `$.cable.tags: null is not of type array`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := decode(t, buf.Bytes()).(map[string]any)
			tt.breakIt(m)
			errs := validate(schema, schema, m, "$")
			if len(errs) == 0 || !strings.Contains(strings.Join(errs, "\n"), tt.want) {
				t.Errorf("validate = %q, want an error containing %q", errs, tt.want)
			}
		})
	}
}
