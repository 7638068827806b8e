package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"codeberg.org/sbinet/npyio"
	"gonum.org/v1/gonum/mat"

	"github.com/spikecs/spikecs/systems/eprop"
)

// Weight files of a training scenario: W_in (N×In), W_rec (N×N), W_out
// (K×N) and the feedback B (N×K), as 2-D float64 .npy arrays.
const (
	fileWIn      = "w_in.npy"
	fileWRec     = "w_rec.npy"
	fileWOut     = "w_out.npy"
	fileFeedback = "feedback.npy"
)

// writeTraining writes loss.csv, the weights and (unless kind is
// plotNone) the figures loss and readout as files of kind into dir, and
// returns the file names and the figures as SVG for report.html.
func writeTraining(dir, name string, res *eprop.TrainResult, kind plotKind) ([]string, []reportFigure, error) {
	files := []string{"loss.csv"}
	if err := writeLossCSV(filepath.Join(dir, "loss.csv"), res); err != nil {
		return nil, nil, err
	}
	if res.Validation != nil {
		if err := writeValidationCSV(filepath.Join(dir, "validation.csv"), res); err != nil {
			return nil, nil, err
		}
		files = append(files, "validation.csv")
	}
	w := res.Weights
	in := w.P - w.N
	wIn, wRec := mat.NewDense(w.N, max(in, 1), nil), mat.NewDense(w.N, w.N, nil)
	for j := range w.N {
		for i := range w.P {
			if i < in {
				wIn.Set(j, i, w.W[j*w.P+i])
			} else {
				wRec.Set(j, i-in, w.W[j*w.P+i])
			}
		}
	}
	for _, f := range []struct {
		name string
		m    *mat.Dense
	}{{fileWIn, wIn}, {fileWRec, wRec}, {fileWOut, mat.NewDense(w.K, w.N, w.Out)}, {fileFeedback, mat.NewDense(w.N, w.K, w.B)}} {
		if err := writeNPYMatrix(filepath.Join(dir, f.name), f.m); err != nil {
			return nil, nil, err
		}
		files = append(files, f.name)
	}
	if kind == plotNone {
		return files, nil, nil
	}
	figs, err := drawFigures(dir, []namedFigure{
		{"loss", func(t figureTarget) error { return plotLoss(t, name, res) }},
		{"readout", func(t figureTarget) error { return plotReadout(t, name, res) }},
	}, kind)
	if err != nil {
		return nil, nil, err
	}
	for _, f := range figs {
		files = append(files, f.File)
	}
	return files, figs, nil
}

// writeLossCSV writes iteration,loss (and accuracy for classification).
func writeLossCSV(path string, res *eprop.TrainResult) error {
	header := "iteration,loss"
	if res.Accuracy != nil {
		header += ",accuracy"
	}
	c, err := createCSV(path, header)
	if err != nil {
		return err
	}
	w := c.w
	for i, l := range res.Loss {
		w.WriteString(strconv.Itoa(i + 1))
		w.WriteByte(',')
		w.WriteString(strconv.FormatFloat(l, 'g', -1, 64))
		if res.Accuracy != nil {
			w.WriteByte(',')
			w.WriteString(strconv.FormatFloat(res.Accuracy[i], 'g', -1, 64))
		}
		w.WriteByte('\n')
	}
	return c.close()
}

// writeValidationCSV writes every validation: the iteration after which
// it ran, the error, the number of trials and whether it was the stopping
// test's confirmation (1) or a routine validation (0).
func writeValidationCSV(path string, res *eprop.TrainResult) error {
	c, err := createCSV(path, "iteration,error,trials,confirmation")
	if err != nil {
		return err
	}
	for _, v := range res.Validation {
		conf := 0
		if v.Confirmation {
			conf = 1
		}
		fmt.Fprintf(c.w, "%d,%s,%d,%d\n", v.Iteration, strconv.FormatFloat(v.Error, 'g', -1, 64), v.Trials, conf)
	}
	return c.close()
}

// writeNPYMatrix writes m as a 2-D .npy array.
func writeNPYMatrix(path string, m *mat.Dense) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := npyio.Write(f, m); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// readNPYMatrix reads a 2-D .npy array.
func readNPYMatrix(path string) (*mat.Dense, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("init: %w", err)
	}
	defer f.Close()
	var m mat.Dense
	if err := npyio.Read(f, &m); err != nil {
		return nil, fmt.Errorf("init: reading %s: %w", path, err)
	}
	return &m, nil
}

// readWeights reads the weight files a training scenario wrote into dir.
func readWeights(dir string) (eprop.Weights, error) {
	var ms [4]*mat.Dense
	for i, name := range []string{fileWIn, fileWRec, fileWOut, fileFeedback} {
		m, err := readNPYMatrix(filepath.Join(dir, name))
		if err != nil {
			return eprop.Weights{}, err
		}
		ms[i] = m
	}
	n, in := ms[0].Dims()
	if r, c := ms[1].Dims(); r != n || c != n {
		return eprop.Weights{}, fmt.Errorf("init: %s is %d×%d, want %d×%d (the neurons of %s)", fileWRec, r, c, n, n, fileWIn)
	}
	k, c := ms[2].Dims()
	if c != n {
		return eprop.Weights{}, fmt.Errorf("init: %s has %d columns, want %d (one per neuron)", fileWOut, c, n)
	}
	if r, c := ms[3].Dims(); r != n || c != k {
		return eprop.Weights{}, fmt.Errorf("init: %s is %d×%d, want %d×%d", fileFeedback, r, c, n, k)
	}
	p := in + n
	w := eprop.Weights{N: n, P: p, K: k, W: make([]float64, n*p), Out: make([]float64, k*n), B: make([]float64, n*k)}
	for j := range n {
		for i := range in {
			w.W[j*p+i] = ms[0].At(j, i)
		}
		for i := range n {
			w.W[j*p+in+i] = ms[1].At(j, i)
		}
	}
	for kk := range k {
		for j := range n {
			w.Out[kk*n+j] = ms[2].At(kk, j)
		}
	}
	for j := range n {
		for kk := range k {
			w.B[j*k+kk] = ms[3].At(j, kk)
		}
	}
	return w, nil
}
