package llm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// The answer types: what the model writes, from which the JSON Schemas are generated.
// Struct tags: json names the property, desc describes it, enum names a value list given
// to generateSchema ("labels", "voices").

type sectionAnswer struct {
	Summary   string         `json:"summary" desc:"One to three sentences saying what the section reports, from the section only."`
	KeyPoints []string       `json:"key_points" desc:"The section's main points, each a short sentence; at most five."`
	Stances   []stanceAnswer `json:"stances" desc:"One entry per actor and proposition the actor takes a position on; empty when nobody takes one."`
}

type stanceAnswer struct {
	Actor       string           `json:"actor" desc:"The actor as the cable names it."`
	Affiliation string           `json:"affiliation" desc:"The country or organisation the actor speaks for; empty when the section does not say."`
	Target      string           `json:"target" desc:"The proposition the actor takes a position on, as a short phrase."`
	Label       string           `json:"label" enum:"labels" desc:"The actor's position on the target."`
	Voice       string           `json:"voice" enum:"voices" desc:"Whose position this is: reported (an interlocutor's stated position), embassy (the drafters' own comment), instruction (the Department's talking points)."`
	Evidence    []evidenceAnswer `json:"evidence" desc:"One or more verbatim quotes that show the position."`
}

type evidenceAnswer struct {
	Paragraph int    `json:"paragraph" desc:"The number of a paragraph of this section."`
	Quote     string `json:"quote" desc:"Words copied verbatim from that paragraph."`
}

type overviewAnswer struct {
	BottomLine string   `json:"bottom_line" desc:"The bottom line up front: one or two sentences."`
	KeyPoints  []string `json:"key_points" desc:"The cable's most important points, at most five short sentences."`
}

// schemaNode is a JSON Schema restricted to what OpenAI's strict structured outputs
// accept: type, description, enum, items, properties, required, additionalProperties.
type schemaNode struct {
	Type                 string      `json:"type"`
	Description          string      `json:"description,omitempty"`
	Enum                 []string    `json:"enum,omitempty"`
	Items                *schemaNode `json:"items,omitempty"`
	Properties           *properties `json:"properties,omitempty"`
	Required             []string    `json:"required,omitempty"`
	AdditionalProperties *bool       `json:"additionalProperties,omitempty"`
}

// properties keeps the properties of an object in struct field order.
type properties struct {
	names []string
	nodes []*schemaNode
}

func (p *properties) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, n := range p.names {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(n)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(p.nodes[i])
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// generateSchema returns the JSON Schema of t in OpenAI strict mode: every object closed
// with additionalProperties false and all its properties required. A string field tagged
// enum:"name" gets enums[name] as its enum; a name missing from enums is an error, as is
// a type the generator does not know.
func generateSchema(t reflect.Type, enums map[string][]string) (*schemaNode, error) {
	switch t.Kind() {
	case reflect.String:
		return &schemaNode{Type: "string"}, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return &schemaNode{Type: "integer"}, nil
	case reflect.Float32, reflect.Float64:
		return &schemaNode{Type: "number"}, nil
	case reflect.Bool:
		return &schemaNode{Type: "boolean"}, nil
	case reflect.Slice, reflect.Array:
		items, err := generateSchema(t.Elem(), enums)
		if err != nil {
			return nil, err
		}
		return &schemaNode{Type: "array", Items: items}, nil
	case reflect.Struct:
		closed := false
		n := &schemaNode{Type: "object", Properties: &properties{}, Required: []string{}, AdditionalProperties: &closed}
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			child, err := generateSchema(f.Type, enums)
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %w", t.Name(), f.Name, err)
			}
			child.Description = f.Tag.Get("desc")
			if e := f.Tag.Get("enum"); e != "" {
				vals, ok := enums[e]
				if !ok || len(vals) == 0 {
					return nil, fmt.Errorf("%s.%s: no values for enum %q", t.Name(), f.Name, e)
				}
				if child.Type != "string" {
					return nil, fmt.Errorf("%s.%s: enum on a %s", t.Name(), f.Name, child.Type)
				}
				child.Enum = vals
			}
			n.Properties.names = append(n.Properties.names, name)
			n.Properties.nodes = append(n.Properties.nodes, child)
			n.Required = append(n.Required, name)
		}
		return n, nil
	}
	return nil, fmt.Errorf("unsupported type %s", t)
}

// schemaJSON returns the schema of the answer type of v, compact and indented.
func schemaJSON(v any, enums map[string][]string) (compact json.RawMessage, indented string, err error) {
	n, err := generateSchema(reflect.TypeOf(v), enums)
	if err != nil {
		return nil, "", fmt.Errorf("generate schema: %w", err)
	}
	c, err := json.Marshal(n)
	if err != nil {
		return nil, "", fmt.Errorf("generate schema: %w", err)
	}
	var b bytes.Buffer
	if err := json.Indent(&b, c, "", "  "); err != nil {
		return nil, "", fmt.Errorf("generate schema: %w", err)
	}
	return c, b.String(), nil
}

// requiredKeys lists the json names of the fields of the answer struct v.
func requiredKeys(v any) []string {
	t := reflect.TypeOf(v)
	var out []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}
