package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/spikecs/spikecs/ecs"
)

// writers stream spikes.csv and state.csv through buffers.
type writers struct {
	spikes *spikeCSV
	state  *stateCSV
	files  []*os.File
	closed bool
}

func newWriters(dir string, sim *ecs.Sim) (*writers, error) {
	w := &writers{}
	open := func(name, header string) (*bufio.Writer, error) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("output: %w", err)
		}
		w.files = append(w.files, f)
		b := bufio.NewWriterSize(f, 1<<16)
		_, err = b.WriteString(header + "\n")
		return b, err
	}
	names := sim.Populations()
	sb, err := open("spikes.csv", "t_ms,population,neuron")
	if err != nil {
		w.close()
		return nil, err
	}
	w.spikes = &spikeCSV{w: sb, pops: names}
	stb, err := open("state.csv", "t_ms,population,neuron,var,value")
	if err != nil {
		w.close()
		return nil, err
	}
	w.state = &stateCSV{w: stb, pops: names}
	return w, nil
}

// close flushes and closes the files once; later calls return nil.
func (w *writers) close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	var errs []error
	if w.spikes != nil {
		errs = append(errs, w.spikes.w.Flush())
	}
	if w.state != nil {
		errs = append(errs, w.state.w.Flush())
	}
	for _, f := range w.files {
		errs = append(errs, f.Close())
	}
	return errors.Join(errs...)
}

// appendTime renders t = n·dt in ms with 12 significant digits, so 69·0.1
// prints as 6.9 rather than 6.9000000000000004.
func appendTime(b []byte, t ecs.Tick) []byte {
	return strconv.AppendFloat(b, t.TMs, 'g', 12, 64)
}

// spikeCSV writes rows "t_ms,population,neuron".
type spikeCSV struct {
	w    *bufio.Writer
	pops []string
	buf  []byte
}

// WriteSpike writes one spike row.
func (s *spikeCSV) WriteSpike(t ecs.Tick, pop, neuron int) error {
	b := appendTime(s.buf[:0], t)
	b = append(b, ',')
	b = append(b, s.pops[pop]...)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(neuron), 10)
	b = append(b, '\n')
	s.buf = b
	_, err := s.w.Write(b)
	return err
}

// stateCSV writes rows "t_ms,population,neuron,var,value" with values
// that round-trip a float64.
type stateCSV struct {
	w    *bufio.Writer
	pops []string
	buf  []byte
}

// WriteState writes one state row.
func (s *stateCSV) WriteState(t ecs.Tick, pop, neuron int, variable string, value float64) error {
	b := appendTime(s.buf[:0], t)
	b = append(b, ',')
	b = append(b, s.pops[pop]...)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(neuron), 10)
	b = append(b, ',')
	b = append(b, variable...)
	b = append(b, ',')
	b = strconv.AppendFloat(b, value, 'g', -1, 64)
	b = append(b, '\n')
	s.buf = b
	_, err := s.w.Write(b)
	return err
}
