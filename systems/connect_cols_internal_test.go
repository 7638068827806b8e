package systems

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBuildColsKeepsExactlyTheLocalSynapses: for every drawn rule, a build
// restricted to a range of post neurons has, row by row, exactly the
// synapses of the whole build onto that range, and counts the whole
// projection's synapses.
func TestBuildColsKeepsExactlyTheLocalSynapses(t *testing.T) {
	const n = 150
	rules := []Connectivity{
		{Kind: FixedProb, P: 0.1},
		{Kind: FixedProb, P: 0.1, NoAutapses: true},
		{Kind: FixedOutDegree, N: 12},
		{Kind: FixedOutDegree, N: 12, NoMultapses: true, NoAutapses: true},
		{Kind: FixedInDegree, N: 9},
		{Kind: FixedInDegree, N: 9, NoMultapses: true},
		{Kind: FixedTotal, N: 2000},
		{Kind: FixedTotal, N: 2000, NoMultapses: true, NoAutapses: true},
		{Kind: AllToAll, NoAutapses: true},
		{Kind: OneToOne},
	}
	for _, c := range rules {
		t.Run(fmt.Sprintf("%+v", c), func(t *testing.T) {
			whole, err := c.build(n, n, true, 5, "p")
			require.NoError(t, err)
			assert.Equal(t, int64(len(whole.targets)), whole.total)
			for _, r := range [][2]int{{0, 50}, {50, 100}, {100, 150}, {37, 38}} {
				part, err := c.buildCols(n, n, true, 5, "p", r[0], r[1])
				require.NoError(t, err)
				assert.Equal(t, whole.total, part.total, "cols %v: total of the whole projection", r)
				for i := 0; i < n; i++ {
					var want []int32
					for _, j := range whole.targets[whole.offsets[i]:whole.offsets[i+1]] {
						if int(j) >= r[0] && int(j) < r[1] {
							want = append(want, j)
						}
					}
					got := part.targets[part.offsets[i]:part.offsets[i+1]]
					if len(want) == 0 {
						assert.Empty(t, got, "cols %v row %d", r, i)
					} else {
						assert.Equal(t, want, got, "cols %v row %d", r, i)
					}
				}
			}
		})
	}
}
