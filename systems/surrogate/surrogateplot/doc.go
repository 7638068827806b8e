// Package surrogateplot draws the 18 surrogate-gradient families of package
// surrogate into one PNG figure, for the documentation (docs/surrogates.png).
//
// It is a tooling package: it allocates freely and is never used by the
// simulator.
package surrogateplot
