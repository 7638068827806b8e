package main

import (
	"encoding/binary"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// glyphData returns the outline bytes of glyph g of a parsed font.
func glyphData(t *testing.T, f *ttfFont, g int) []byte {
	t.Helper()
	head, loca, glyf := f.table("head"), f.table("loca"), f.table("glyf")
	var a, b int
	if binary.BigEndian.Uint16(head[50:]) == 1 {
		a, b = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
	} else {
		a, b = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
	}
	return glyf[a:b]
}

func TestSubsetTTFKeepsTheOutlinesOfItsRunesOnly(t *testing.T) {
	full := liberationserifregular.TTF
	text := []rune("coba: spike raster (23,842 of 381,930) µ×…–% exc[0] t (ms) Å")
	sub, err := subsetTTF(full, text)
	require.NoError(t, err)
	assert.Less(t, len(sub), len(full)/4, "a fraction of the font")
	ff, err := parseTTF(full)
	require.NoError(t, err)
	sf, err := parseTTF(sub)
	require.NoError(t, err)
	cmap, err := ff.cmap4()
	require.NoError(t, err)
	pad := func(b []byte) []byte { // the subset pads every glyph to 4 bytes
		for len(b)%4 != 0 {
			b = append(append([]byte(nil), b...), 0)
		}
		return b
	}
	for _, r := range text {
		g := cmap(r)
		require.Positive(t, g, "%q is in the font", r)
		want := glyphData(t, ff, g)
		assert.Equal(t, pad(want), glyphData(t, sf, g), "%q: the same outline", r)
	}
	assert.Empty(t, glyphData(t, sf, cmap('Z')), "Z is not asked for: empty")
	assert.NotEmpty(t, glyphData(t, ff, cmap('Z')))
	for _, tag := range []string{"cmap", "hmtx", "kern", "GPOS", "GSUB", "OS/2", "hhea", "name"} {
		assert.Equal(t, ff.table(tag), sf.table(tag), "%s copied", tag)
	}
	assert.Equal(t, uint32(0xB1B0AFBA), ttfChecksum(sub), "checkSumAdjustment makes the file sum to the magic number")
	_, err = subsetTTF([]byte("not a font"), text)
	assert.Error(t, err)
}
