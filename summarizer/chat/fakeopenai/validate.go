package fakeopenai

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// knownParams are the request body fields OpenAI's chat completion endpoint documents;
// it rejects any other with "Unrecognized request argument supplied".
var knownParams = []string{
	"audio", "frequency_penalty", "function_call", "functions", "logit_bias", "logprobs",
	"max_completion_tokens", "max_tokens", "messages", "metadata", "modalities", "model", "n",
	"parallel_tool_calls", "prediction", "presence_penalty", "prompt_cache_key",
	"reasoning_effort", "response_format", "safety_identifier", "seed", "service_tier", "stop",
	"store", "stream", "stream_options", "temperature", "tool_choice", "tools",
	"top_logprobs", "top_p", "user", "verbosity", "web_search_options",
}

var schemaName = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)

// validate checks a chat completion body as OpenAI does and returns the message of the
// 400 it would answer, or "".
func validate(raw []byte) string {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)"
	}
	var unknown []string
	for k := range fields {
		if !slices.Contains(knownParams, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return "Unrecognized request argument supplied: " + strings.Join(unknown, ", ")
	}
	var body struct {
		Model    *string `json:"model"`
		Messages []struct {
			Role    string          `json:"role"`
			Content json.RawMessage `json:"content"`
		} `json:"messages"`
		Temperature         *float64 `json:"temperature"`
		N                   *int     `json:"n"`
		Stream              bool     `json:"stream"`
		MaxTokens           *int     `json:"max_tokens"`
		MaxCompletionTokens *int     `json:"max_completion_tokens"`
		ResponseFormat      *struct {
			Type       string `json:"type"`
			JSONSchema *struct {
				Name   string          `json:"name"`
				Schema json.RawMessage `json:"schema"`
				Strict *bool           `json:"strict"`
			} `json:"json_schema"`
		} `json:"response_format"`
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		return "Invalid type in request body: " + err.Error()
	}
	switch {
	case body.Model == nil:
		return "you must provide a model parameter"
	case *body.Model == "":
		return "Invalid value for 'model': empty string."
	case len(body.Messages) == 0:
		return "[] is too short - 'messages'"
	case body.Temperature != nil && (*body.Temperature < 0 || *body.Temperature > 2):
		return fmt.Sprintf("%v is greater than the maximum of 2 - 'temperature'", *body.Temperature)
	case body.N != nil && *body.N != 1:
		return "fakeopenai answers one choice only: n must be 1"
	case body.Stream:
		return "fakeopenai does not stream: stream must be false"
	case body.MaxTokens != nil && *body.MaxTokens < 1:
		return "Invalid 'max_tokens': integer below minimum value."
	case body.MaxCompletionTokens != nil && *body.MaxCompletionTokens < 1:
		return "Invalid 'max_completion_tokens': integer below minimum value."
	case body.MaxTokens != nil && body.MaxCompletionTokens != nil:
		return "max_tokens and max_completion_tokens cannot both be set"
	}
	var allText strings.Builder
	for i, m := range body.Messages {
		switch m.Role {
		case "system", "developer", "user", "assistant", "tool":
		default:
			return fmt.Sprintf("Invalid value: '%s'. Supported values are: 'system', 'assistant', 'user', 'tool', 'developer'. - 'messages[%d].role'", m.Role, i)
		}
		if m.Role != "assistant" && (len(m.Content) == 0 || string(m.Content) == "null") {
			return fmt.Sprintf("Missing required parameter: 'messages[%d].content'.", i)
		}
		allText.Write(m.Content)
	}
	rf := body.ResponseFormat
	if rf == nil {
		return ""
	}
	switch rf.Type {
	case "text":
	case "json_object":
		if !strings.Contains(strings.ToLower(allText.String()), "json") {
			return "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'."
		}
	case "json_schema":
		js := rf.JSONSchema
		if js == nil {
			return "Missing required parameter: 'response_format.json_schema'."
		}
		if !schemaName.MatchString(js.Name) {
			return fmt.Sprintf("Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.")
		}
		var schema map[string]any
		if len(js.Schema) == 0 || json.Unmarshal(js.Schema, &schema) != nil {
			return "Invalid type for 'response_format.json_schema.schema': expected an object."
		}
		if js.Strict != nil && *js.Strict {
			if msg := checkStrict(schema, "", js.Name); msg != "" {
				return msg
			}
		}
	default:
		return fmt.Sprintf("Invalid value: '%s'. Supported values are: 'json_object', 'json_schema', and 'text'. - 'response_format.type'", rf.Type)
	}
	return ""
}

// checkStrict applies OpenAI's rules for strict schemas: every object sets
// additionalProperties to false and lists all its properties in required.
func checkStrict(s map[string]any, path, name string) string {
	bad := func(what string) string {
		ctx := path
		if ctx == "" {
			ctx = "()"
		}
		return fmt.Sprintf("Invalid schema for response_format '%s': In context=%s, %s.", name, ctx, what)
	}
	props, hasProps := s["properties"].(map[string]any)
	if s["type"] == "object" || hasProps {
		if ap, ok := s["additionalProperties"].(bool); !ok || ap {
			return bad("'additionalProperties' is required to be supplied and to be false")
		}
		req, _ := s["required"].([]any)
		var keys []string
		for k := range props {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !slices.Contains(req, any(k)) {
				return bad(fmt.Sprintf("'required' is required to be supplied and to be an array including every key in properties. Missing '%s'", k))
			}
		}
		for _, k := range keys {
			if sub, ok := props[k].(map[string]any); ok {
				if msg := checkStrict(sub, path+"."+k, name); msg != "" {
					return msg
				}
			}
		}
	}
	if items, ok := s["items"].(map[string]any); ok {
		if msg := checkStrict(items, path+"[]", name); msg != "" {
			return msg
		}
	}
	for _, kw := range []string{"$defs", "definitions"} {
		defs, _ := s[kw].(map[string]any)
		for k, d := range defs {
			if sub, ok := d.(map[string]any); ok {
				if msg := checkStrict(sub, path+"."+kw+"."+k, name); msg != "" {
					return msg
				}
			}
		}
	}
	for _, kw := range []string{"anyOf", "oneOf", "allOf"} {
		alts, _ := s[kw].([]any)
		for i, a := range alts {
			if sub, ok := a.(map[string]any); ok {
				if msg := checkStrict(sub, fmt.Sprintf("%s.%s[%d]", path, kw, i), name); msg != "" {
					return msg
				}
			}
		}
	}
	return ""
}
