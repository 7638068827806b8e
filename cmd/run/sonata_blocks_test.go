package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBlocksKeepEveryValueInOrder(t *testing.T) {
	for _, n := range []int{0, 1, blockLen - 1, blockLen, blockLen + 1, 3*blockLen + 7} {
		var b blocks[uint64]
		want := make([]uint64, n)
		for i := range n {
			want[i] = uint64(i * 3)
			b.add(want[i])
		}
		assert.Equal(t, want, b.flat(), "n = %d", n)
		assert.Len(t, b.bs, (n+blockLen-1)/blockLen, "n = %d: whole blocks", n)
	}
}
