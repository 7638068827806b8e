package surrogateplot_test

import (
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/systems/surrogate/surrogateplot"
)

// -update regenerates docs/surrogates.png:
//
//	go test ./systems/surrogate/surrogateplot -run TestWriteDocsFigure -update
var update = flag.Bool("update", false, "rewrite docs/surrogates.png")

func TestWriteProducesAValidPNGAndNoLeftovers(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "surrogates.png")
	require.NoError(t, surrogateplot.Write(path))

	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err, "Write must produce a decodable PNG")
	b := img.Bounds()
	assert.GreaterOrEqual(t, b.Dx(), 900, "18 readable panels need at least 900 px of width")
	assert.LessOrEqual(t, b.Dx(), 4000)
	assert.Greater(t, b.Dy(), b.Dx(), "a 3 × 6 grid is taller than wide")
	assert.LessOrEqual(t, b.Dy(), 5000)

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "only the PNG itself may remain, no temporary file")

	// Overwriting an existing file works too.
	require.NoError(t, surrogateplot.Write(path))
}

func TestWriteReportsAnUnwritableDirectory(t *testing.T) {
	err := surrogateplot.Write(filepath.Join(t.TempDir(), "missing", "x.png"))
	assert.Error(t, err)
}

func TestWriteDocsFigure(t *testing.T) {
	if !*update {
		t.Skip("run with -update to regenerate docs/surrogates.png")
	}
	require.NoError(t, surrogateplot.Write(filepath.Join("..", "..", "..", "docs", "surrogates.png")))
}
