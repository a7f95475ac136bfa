package offline

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// targetBreakPattern is the clause boundary targetBreakIndex finds, as a regular
// expression: the reference the hand-written scanner must agree with.
var targetBreakPattern = regexp.MustCompile(`(?i);|\s--\s|:\s|\s\(|,\s(?:but|and|or|while|whereas|though|although|which|insisting|adding|saying|as|whom|who|if|since|because|despite|noting|arguing|however|\w+ing)\b|\s(?:and|but)\s+(?:\w+ed|said|told|thought|felt|made|gave|took|saw)\b|\.$`)

// TestTargetBreakIndex checks the scanner against the pattern on named cases and on every
// sentence tail of the blind rounds' cables.
func TestTargetBreakIndex(t *testing.T) {
	tests := []struct{ name, in string }{
		{"semicolon", "the plan; the rest"},
		{"dash", "the plan -- the rest"},
		{"colon", "the plan: the rest"},
		{"bracket", "the plan (ref A)"},
		{"comma and", "the plan, and the rest"},
		{"comma participle", "the plan, noting that"},
		{"comma short ing", "the plan, sing"},
		{"comma word", "the plan, the rest"},
		{"and past", "the plan and agreed to"},
		{"but said", "the plan But said"},
		{"andrew", "the plan andrew agreed"},
		{"and no space", "the plan and"},
		{"final period", "the U.S."},
		{"inner period", "the U.S. plan"},
		{"none", "the plan"},
		{"empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkBreak(t, tt.in)
		})
	}
	files, _ := filepath.Glob(filepath.Join(blindDir, "round*", "cables", "*.txt"))
	if len(files) == 0 {
		t.Fatal("no blind-round cables")
	}
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		for _, sp := range splitSentences(text) {
			sent := text[sp.Start:sp.End]
			for i := 0; i < len(sent); i++ {
				if i == 0 || sent[i-1] == ' ' {
					checkBreak(t, sent[i:])
					n++
				}
			}
		}
	}
	t.Logf("%d tails compared", n)
}

func checkBreak(t *testing.T, s string) {
	t.Helper()
	want := -1
	if loc := targetBreakPattern.FindStringIndex(s); loc != nil {
		want = loc[0]
	}
	if got := targetBreakIndex(s); got != want {
		t.Fatalf("targetBreakIndex(%q) = %d, want %d", strings.TrimSpace(s[:min(len(s), 80)]), got, want)
	}
}
