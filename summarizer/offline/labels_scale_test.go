package offline

import "testing"

func TestMapLabelOnAScaleOfItsOwn(t *testing.T) {
	tests := []struct {
		label  string
		labels []string
		want   string
		ok     bool
	}{
		{labSupports, []string{"yes", "no"}, "yes", true},
		{labOpposes, []string{"yes", "no"}, "no", true},
		{labSkeptical, []string{"yes", "no"}, "no", true},
		{labNeutral, []string{"yes", "no"}, "", false},
		{labNeutral, []string{"pro", "meh", "con"}, "", false}, // pro is a known synonym: no scale
		{labNeutral, []string{"up", "flat", "down"}, "flat", true},
		{labConditional, []string{"up", "flat", "down"}, "up", true},
		{labSupports, []string{"only"}, "", false},
	}
	for _, tt := range tests {
		got, ok := mapLabel(tt.label, tt.labels)
		if got != tt.want || ok != tt.ok {
			t.Errorf("mapLabel(%s, %v) = %q, %v; want %q, %v", tt.label, tt.labels, got, ok, tt.want, tt.ok)
		}
	}
}
