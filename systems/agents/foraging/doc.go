// Package foraging is a foraging world for spiking agents: agents on a
// 2-D torus with regrowing food patches, half of them steered by a small
// spiking brain (a Braitenberg vehicle: left and right food sensors drive
// the opposite motor neurons), half random walkers with the same speed.
//
// RunForaging runs it deterministically per seed and returns the food
// collected per agent of each kind (a run stopped and continued from a
// ForagingState gives the same result); WriteForagingPNG draws trajectories
// over the food field. Distances are in cells of the food grid, time in
// model ticks (one tick is Substeps·DtMs ms of neural time), food in units
// of one full cell.
package foraging
