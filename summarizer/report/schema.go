package report

import _ "embed"

// Schema is the JSON Schema (draft 2020-12) of what WriteJSON writes for schema_version
// "1". It uses type, properties, required, items, enum, additionalProperties and local
// $ref only. The slice is shared: callers must not modify it.
//
//go:embed report.schema.json
var Schema []byte
