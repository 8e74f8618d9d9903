package pipeline

import _ "embed"

// JSONSchema is the JSON Schema (draft 2020-12) of the gloss/v1 format
// that WriteJSON produces.
//
//go:embed gloss-v1.schema.json
var JSONSchema []byte
