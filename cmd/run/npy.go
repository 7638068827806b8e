package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
)

// npyHeaderLen is the fixed size of the header every column file starts
// with: the NEP 1 version 1.0 preamble and a padded dictionary, long
// enough for any int64 length and a multiple of 64 as numpy writes them.
const npyHeaderLen = 128

// npyColumn streams a 1-D array into a .npy file (NumPy format 1.0,
// little-endian) with bounded memory: the header is written with a
// placeholder length, values are appended through a 64 KiB buffer as they
// come, and close rewrites the header with the final length. Memory is
// O(1) whatever the number of values; the file is readable by numpy.load
// and codeberg.org/sbinet/npyio once closed.
//
// npyio's own writer (npy.Write) needs the whole array in memory, which a
// long run's state column does not fit; the tests read every column back
// with npyio.
type npyColumn struct {
	f     *os.File
	w     *bufio.Writer
	descr string // '<f8' or '<i4'
	cols  int64  // values per row of a 2-D array (T×cols); 0: 1-D
	n     int64
	buf   [8]byte
	err   error // first write error, reported by close
}

// newNPYColumn creates path and writes the placeholder header. descr is a
// NumPy type string: "<f8" (float64) or "<i4" (int32).
func newNPYColumn(path, descr string) (*npyColumn, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	c := &npyColumn{f: f, w: bufio.NewWriterSize(f, 1<<16), descr: descr}
	if _, err := c.w.Write(npyHeader(descr, 0, 0)); err != nil {
		f.Close()
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return c, nil
}

// newNPYMatrix creates path for a C-order 2-D array of rows of cols
// values (shape T×cols, T counted as rows are appended).
func newNPYMatrix(path, descr string, cols int) (*npyColumn, error) {
	c, err := newNPYColumn(path, descr)
	if err == nil {
		c.cols = int64(cols)
	}
	return c, err
}

// npyHeader returns the npyHeaderLen-byte header of an array of n values
// of type descr, 1-D when cols is 0, else n/cols rows of cols: magic,
// version 1.0, the little-endian header length, and the dictionary
// padded with spaces and ended by a newline.
func npyHeader(descr string, n, cols int64) []byte {
	shape := strconv.FormatInt(n, 10) + ","
	if cols > 0 {
		shape = strconv.FormatInt(n/cols, 10) + ", " + strconv.FormatInt(cols, 10)
	}
	dict := "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shape + "), }"
	h := make([]byte, 0, npyHeaderLen)
	h = append(h, "\x93NUMPY\x01\x00"...)
	h = binary.LittleEndian.AppendUint16(h, npyHeaderLen-10)
	h = append(h, dict...)
	for len(h) < npyHeaderLen-1 {
		h = append(h, ' ')
	}
	return append(h, '\n')
}

// float64 appends one float64 value.
func (c *npyColumn) float64(v float64) {
	binary.LittleEndian.PutUint64(c.buf[:], math.Float64bits(v))
	c.write(c.buf[:8])
}

// int32 appends one int32 value.
func (c *npyColumn) int32(v int32) {
	binary.LittleEndian.PutUint32(c.buf[:], uint32(v))
	c.write(c.buf[:4])
}

func (c *npyColumn) write(b []byte) {
	if c.err != nil {
		return
	}
	if _, err := c.w.Write(b); err != nil {
		c.err = err
		return
	}
	c.n++
}

// close flushes the data, rewrites the header with the final length and
// closes the file.
func (c *npyColumn) close() error {
	err := c.err
	if err == nil {
		err = c.w.Flush()
	}
	if err == nil {
		_, err = c.f.WriteAt(npyHeader(c.descr, c.n, c.cols), 0)
	}
	if cerr := c.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", c.f.Name(), err)
	}
	return nil
}

// npyColumns is a set of columns closed together.
type npyColumns []*npyColumn

// closeAll closes every column and joins the errors.
func (cs npyColumns) closeAll() error {
	var errs []error
	for _, c := range cs {
		if c != nil {
			errs = append(errs, c.close())
		}
	}
	return errors.Join(errs...)
}
