package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"

	"github.com/spikecs/spikecs/ecs"
)

// csvFile is a CSV output file behind a 64 KiB buffer.
type csvFile struct {
	f *os.File
	w *bufio.Writer
}

// createCSV creates path and writes the header line.
func createCSV(path, header string) (*csvFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	c := &csvFile{f: f, w: bufio.NewWriterSize(f, 1<<16)}
	if _, err := c.w.WriteString(header + "\n"); err != nil {
		f.Close()
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return c, nil
}

// close flushes and closes the file.
func (c *csvFile) close() error {
	err := c.w.Flush()
	if cerr := c.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", c.f.Name(), err)
	}
	return nil
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
	b := appendNeuron(s.buf[:0], t, s.pops[pop], neuron)
	b = append(b, '\n')
	s.buf = b
	_, err := s.w.Write(b)
	return err
}

// appendNeuron appends "t_ms,population,neuron", the start of spike and
// state rows.
func appendNeuron(b []byte, t ecs.Tick, pop string, neuron int) []byte {
	b = appendTime(b, t)
	b = append(b, ',')
	b = append(b, pop...)
	b = append(b, ',')
	return strconv.AppendInt(b, int64(neuron), 10)
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
	b := appendNeuron(s.buf[:0], t, s.pops[pop], neuron)
	b = append(b, ',')
	b = append(b, variable...)
	b = append(b, ',')
	b = strconv.AppendFloat(b, value, 'g', -1, 64)
	b = append(b, '\n')
	s.buf = b
	_, err := s.w.Write(b)
	return err
}

// rateCSV writes rows "t_ms,bin_ms,population,rate_hz": the bin's start
// time, its width (the last bin may be shorter), and the population's
// mean rate over it.
type rateCSV struct {
	w    *bufio.Writer
	pops []string
	buf  []byte
}

// WriteRate writes one rate row.
func (s *rateCSV) WriteRate(pop, start, steps int64, dtMs, rateHz float64) error {
	b := strconv.AppendFloat(s.buf[:0], float64(start)*dtMs, 'g', 12, 64)
	b = append(b, ',')
	b = strconv.AppendFloat(b, float64(steps)*dtMs, 'g', 12, 64)
	b = append(b, ',')
	b = append(b, s.pops[pop]...)
	b = append(b, ',')
	b = strconv.AppendFloat(b, rateHz, 'g', -1, 64)
	b = append(b, '\n')
	s.buf = b
	_, err := s.w.Write(b)
	return err
}
