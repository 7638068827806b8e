//go:build !hdf5

package main

import "errors"

// sonataAvailable says whether this binary writes SONATA (HDF5) files.
const sonataAvailable = false

// write fails: this binary has no HDF5 library.
func (s *sonataSpikes) write(string) error { return errors.New(noHDF5) }
