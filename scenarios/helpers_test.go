package scenarios_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// replaceOnce replaces the single occurrence of old in s.
func replaceOnce(t *testing.T, s, old, new string) string {
	t.Helper()
	require.Equal(t, 1, strings.Count(s, old), "fixture must contain %q once", old)
	return strings.Replace(s, old, new, 1)
}
