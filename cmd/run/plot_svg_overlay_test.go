package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
)

// svgRaster draws the raster of two populations (sizes) with the spikes
// of spikes (population, neuron, t in ms) as SVG.
func svgRaster(t *testing.T, sizes []int, spikes [][3]float64) string {
	t.Helper()
	sample := newRasterSample(rasterLimit, rasterRows, sizes)
	for _, s := range spikes {
		sample.add(ecs.Tick{TMs: s[2]}, int(s[0]), int(s[1]))
	}
	d := rasterData{scenario: "x", names: []string{"a", "b"}, sizes: sizes, record: []bool{true, true}, sample: sample, endMs: 100}
	var buf bytes.Buffer
	require.NoError(t, plotRaster(figureTarget{kind: plotSVG, buf: &buf}, d))
	return buf.String()
}

func TestSVGRasterDrawsEachPopulationAsOnePath(t *testing.T) {
	cases := []struct {
		name  string
		sizes []int
		mark  string // how one spike is drawn
	}{
		{"dots", []int{200, 50}, "h0"},
		{"bars", []int{3, 2}, "v"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var spikes [][3]float64
			for i := range 300 {
				pop := i % 2
				spikes = append(spikes, [3]float64{float64(pop), float64(i % c.sizes[pop]), float64(i%97) + 0.5})
			}
			doc := svgRaster(t, c.sizes, spikes)
			require.True(t, strings.HasSuffix(doc, svgEnd), "a whole document")
			paths := regexp.MustCompile(`<path style="fill:none;stroke:#(1F77B4|FF7F0E);[^"]*" d="([^"]*)"/>`).FindAllStringSubmatch(doc, -1)
			require.Len(t, paths, 2, "one path per population")
			marks := 0
			for _, p := range paths {
				assert.Equal(t, strings.Count(p[2], "M"), strings.Count(p[2], c.mark), "every subpath is one mark")
				marks += strings.Count(p[2], "M")
			}
			assert.Equal(t, len(spikes), marks, "every spike drawn once")
			assert.Contains(t, doc, `<path style="fill:none;stroke:#969696;stroke-width:0.80" d="M`, "the separator")
			assert.Less(t, strings.Index(doc, paths[1][0]), strings.Index(doc, "#969696"), "the separator after the dots below it")
		})
	}
}

func TestWriteWithOverlayRefusesAnUnknownDocument(t *testing.T) {
	var buf bytes.Buffer
	err := writeWithOverlay(&buf, []byte("<svg></svg>"), &svgOverlay{buf: []byte("<path/>")})
	assert.ErrorContains(t, err, "unexpected end")
	require.NoError(t, writeWithOverlay(&buf, []byte("<svg><g>"+svgEnd), &svgOverlay{buf: []byte("<path/>")}))
	assert.Equal(t, "<svg><g><path/>"+svgEnd, buf.String())
}
