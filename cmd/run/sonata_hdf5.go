//go:build hdf5

package main

import (
	"fmt"

	"gonum.org/v1/hdf5"
)

// sonataAvailable says whether this binary writes SONATA (HDF5) files.
const sonataAvailable = true

// write writes the SONATA spike file at path: for every recorded
// population a group /spikes/<population> with the attribute sorting =
// "by_time" and the datasets timestamps (float64, attribute units = "ms")
// and node_ids (uint64, the neuron's index in its population).
func (s *sonataSpikes) write(path string) (err error) {
	f, err := hdf5.CreateFile(path, hdf5.F_ACC_TRUNC)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("writing %s: %w", path, cerr)
		}
	}()
	root, err := f.CreateGroup("spikes")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer root.Close()
	for id, p := range s.pops {
		if !p.record {
			continue
		}
		if err := writeSonataPop(root, s.names[id], p); err != nil {
			return fmt.Errorf("writing %s: population %q: %w", path, s.names[id], err)
		}
	}
	return nil
}

// writeSonataPop writes one population's group.
func writeSonataPop(root *hdf5.Group, name string, p sonataPop) error {
	g, err := root.CreateGroup(name)
	if err != nil {
		return err
	}
	defer g.Close()
	if err := writeStringAttr(g.CreateAttribute, "sorting", "by_time"); err != nil {
		return err
	}
	tMs, nodes := p.tMs.flat(), p.nodes.flat()
	ts, err := writeDataset(g, "timestamps", hdf5.T_NATIVE_DOUBLE, len(tMs), &tMs)
	if err != nil {
		return err
	}
	defer ts.Close()
	if err := writeStringAttr(ts.CreateAttribute, "units", "ms"); err != nil {
		return err
	}
	ids, err := writeDataset(g, "node_ids", hdf5.T_NATIVE_UINT64, len(nodes), &nodes)
	if err != nil {
		return err
	}
	return ids.Close()
}

// writeDataset creates the 1-D dataset name of n values and writes data
// (a pointer to a slice) unless it is empty.
func writeDataset(g *hdf5.Group, name string, dtype *hdf5.Datatype, n int, data any) (*hdf5.Dataset, error) {
	space, err := hdf5.CreateSimpleDataspace([]uint{uint(n)}, nil)
	if err != nil {
		return nil, err
	}
	defer space.Close()
	ds, err := g.CreateDataset(name, dtype, space)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if n > 0 {
		if err := ds.Write(data); err != nil {
			ds.Close()
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return ds, nil
}

// writeStringAttr adds a scalar variable-length string attribute.
func writeStringAttr(create func(string, *hdf5.Datatype, *hdf5.Dataspace) (*hdf5.Attribute, error), name, value string) error {
	scalar, err := hdf5.CreateDataspace(hdf5.S_SCALAR)
	if err != nil {
		return err
	}
	defer scalar.Close()
	a, err := create(name, hdf5.T_GO_STRING, scalar)
	if err != nil {
		return fmt.Errorf("attribute %s: %w", name, err)
	}
	if err := a.Write(&value, hdf5.T_GO_STRING); err != nil {
		a.Close()
		return fmt.Errorf("attribute %s: %w", name, err)
	}
	return a.Close()
}
