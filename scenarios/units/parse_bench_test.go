package units

import "testing"

// BenchmarkParseAs measures the per-value cost quoted in the Parse doc comment.
func BenchmarkParseAs(b *testing.B) {
	for _, in := range []string{"10 ms", "1.62 nA", "100 Mohm"} {
		b.Run(in, func(b *testing.B) {
			want, _ := Parse(in)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseAs(in, want.Dim); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
