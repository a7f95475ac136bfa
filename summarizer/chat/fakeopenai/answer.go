package fakeopenai

import (
	"encoding/json"
	"sort"
	"strings"

	openai "github.com/sashabaranov/go-openai"
)

// DefaultAnswer is what the server answers req when no script decides otherwise:
//
//   - with response_format json_schema: a minimal JSON instance of the schema;
//   - otherwise, when a system or user message contains a JSON schema (as clients that
//     fall back to json_object or to instructions put it there): an instance of that
//     schema, bare for json_object, inside a ```json fence with prose around it for no
//     response_format, as chat models tend to answer;
//   - with json_object and no schema found: {"answer": "fake answer"};
//   - else a short sentence.
//
// An instance has every property; strings are "fake <property>" (the first value of an
// enum or a const when given), numbers their minimum or 1, booleans false, arrays one item
// (or minItems), and the first alternative of anyOf/oneOf.
func DefaultAnswer(req openai.ChatCompletionRequest) string {
	rf := req.ResponseFormat
	if rf != nil && rf.Type == openai.ChatCompletionResponseFormatTypeJSONSchema && rf.JSONSchema != nil {
		if raw, err := json.Marshal(rf.JSONSchema.Schema); err == nil {
			var schema map[string]any
			if json.Unmarshal(raw, &schema) == nil {
				return mustJSON(instance(schema, schema, "value", 0))
			}
		}
	}
	schema := schemaInMessages(req.Messages)
	switch {
	case rf != nil && rf.Type == openai.ChatCompletionResponseFormatTypeJSONObject:
		if schema == nil {
			return `{"answer":"fake answer"}`
		}
		return mustJSON(instance(schema, schema, "value", 0))
	case schema != nil:
		return "Sure. Here is the JSON:\n\n```json\n" + mustJSON(instance(schema, schema, "value", 0)) + "\n```\n"
	}
	return "This is a fake answer from fakeopenai."
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return `{}`
	}
	return string(b)
}

// schemaInMessages finds a JSON schema object (one with "properties" or a "type") written
// into a system or user message, looking at the last messages first.
func schemaInMessages(msgs []openai.ChatCompletionMessage) map[string]any {
	for i := len(msgs) - 1; i >= 0; i-- {
		m := msgs[i]
		if m.Role != "system" && m.Role != "developer" && m.Role != "user" {
			continue
		}
		s := m.Content
		for j := 0; j < len(s); j++ {
			if s[j] != '{' {
				continue
			}
			// A decoder reads the one JSON value that starts here and ignores what follows.
			var obj map[string]any
			if json.NewDecoder(strings.NewReader(s[j:])).Decode(&obj) == nil {
				if _, ok := obj["properties"]; ok {
					return obj
				}
				if t, ok := obj["type"].(string); ok && t == "object" {
					return obj
				}
			}
		}
	}
	return nil
}

// instance builds a minimal value satisfying schema s; root resolves $ref.
func instance(s, root map[string]any, name string, depth int) any {
	if depth > 12 {
		return nil
	}
	if ref, ok := s["$ref"].(string); ok {
		if t := resolve(root, ref); t != nil {
			return instance(t, root, name, depth+1)
		}
		return nil
	}
	if c, ok := s["const"]; ok {
		return c
	}
	if e, ok := s["enum"].([]any); ok && len(e) > 0 {
		return e[0]
	}
	for _, kw := range []string{"anyOf", "oneOf"} {
		if alts, ok := s[kw].([]any); ok && len(alts) > 0 {
			for _, a := range alts {
				if m, ok := a.(map[string]any); ok && m["type"] != "null" {
					return instance(m, root, name, depth+1)
				}
			}
		}
	}
	if all, ok := s["allOf"].([]any); ok && len(all) > 0 {
		if m, ok := all[0].(map[string]any); ok {
			return instance(m, root, name, depth+1)
		}
	}
	typ := s["type"]
	if ts, ok := typ.([]any); ok { // ["string", "null"]
		typ = nil
		for _, t := range ts {
			if t != "null" {
				typ = t
				break
			}
		}
	}
	if typ == nil {
		if _, ok := s["properties"]; ok {
			typ = "object"
		} else if _, ok := s["items"]; ok {
			typ = "array"
		}
	}
	switch typ {
	case "object":
		out := map[string]any{}
		props, _ := s["properties"].(map[string]any)
		keys := make([]string, 0, len(props))
		for k := range props {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if p, ok := props[k].(map[string]any); ok {
				out[k] = instance(p, root, k, depth+1)
			}
		}
		return out
	case "array":
		n := 1
		if m, ok := s["minItems"].(float64); ok && int(m) > n {
			n = int(m)
		}
		items, _ := s["items"].(map[string]any)
		out := make([]any, 0, n)
		for range n {
			out = append(out, instance(items, root, singular(name), depth+1))
		}
		return out
	case "string":
		v := "fake " + strings.ReplaceAll(name, "_", " ")
		if m, ok := s["minLength"].(float64); ok && len(v) < int(m) {
			v += strings.Repeat(".", int(m)-len(v))
		}
		return v
	case "integer", "number":
		if m, ok := s["minimum"].(float64); ok {
			return m
		}
		return 1
	case "boolean":
		return false
	case "null":
		return nil
	}
	return "fake " + name
}

// resolve follows a local $ref ("#/$defs/Stance").
func resolve(root map[string]any, ref string) map[string]any {
	path, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil
	}
	var cur any = root
	for _, p := range strings.Split(path, "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")]
	}
	m, _ := cur.(map[string]any)
	return m
}

// singular names the items of an array property: "stances" → "stance".
func singular(name string) string {
	if s, ok := strings.CutSuffix(name, "ies"); ok {
		return s + "y"
	}
	if s, ok := strings.CutSuffix(name, "s"); ok && len(s) > 1 {
		return s
	}
	return name
}
