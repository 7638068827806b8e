package ecs

import (
	"encoding/gob"
	"fmt"
	"io"
	"unsafe"

	"github.com/spikecs/spikecs/components"
)

// stateVersion identifies the SaveState format: 2 stores columns by name
// and descriptor models' parameters (1: columns by number).
const stateVersion = 2

// simState is what SaveState writes: the clock and every population's
// mutable state. Connectivity and parameters that a rebuild from the same
// description reproduces are saved too where they can change at run time
// (parameter components, channels), so a restored Sim continues exactly.
type simState struct {
	Version int
	Seed    uint64
	Step    int64
	DtMs    float64
	Pops    []popState
}

// popState is one population's saved state.
type popState struct {
	Name     string
	Size     int
	Columns  map[string][]byte // column name (see colName) → raw per-neuron components
	Membrane *components.MembraneParams
	Adapt    *components.AdaptationParams
	Ref      *components.RefractoryParams
	Surr     *components.SurrogateSpec
	Channels *components.Channels
	Shared   *components.SharedInput
	Source   *components.Source
	Model    *components.ModelParams // descriptor models (Derived not saved)
	Fired    []int32
	RNG      []byte
}

// SaveState writes the simulation's complete mutable state — the clock,
// every neuron's components, the population parameters and channels
// (including pending synaptic arrivals), spike-source cursors and every
// random stream — to w (encoding/gob). LoadState on a Sim built the same
// way (same populations in the same order) continues bit for bit.
// Systems keep their own state: see systems.Network.SaveState.
func (s *Sim) SaveState(w io.Writer) error {
	st := simState{Version: stateVersion, Seed: s.opts.Seed, Step: s.clock.Step, DtMs: s.clock.DtMs}
	for _, p := range s.pops {
		v, err := s.bind(p)
		if err != nil {
			return err
		}
		ps := popState{Name: p.name, Size: p.size, Columns: map[string][]byte{}, Fired: append([]int32(nil), p.fired...)}
		for c := 0; c < p.ncols(); c++ {
			if p.has(c) && c != colInPop {
				ps.Columns[p.colName(c)] = append([]byte(nil), columnBytes(p, v, c)...)
			}
		}
		if v.Params != nil {
			mp := *v.Params
			mp.Derived = nil
			ps.Model = &mp
		}
		if v.Source != nil {
			src := *v.Source
			ps.Source = &src
		} else {
			mp, sg, ch, sh := *v.MembraneParams, *v.PopSurrogate, *v.Channels, *v.SharedInput
			ps.Membrane, ps.Surr, ps.Channels, ps.Shared = &mp, &sg, &ch, &sh
			if v.AdaptationParams != nil {
				ap := *v.AdaptationParams
				ps.Adapt = &ap
			}
			if v.RefractoryParams != nil {
				rp := *v.RefractoryParams
				ps.Ref = &rp
			}
		}
		if ps.RNG, err = p.pcg.MarshalBinary(); err != nil {
			return err
		}
		if err := s.unbind(p); err != nil {
			return err
		}
		st.Pops = append(st.Pops, ps)
	}
	if err := gob.NewEncoder(w).Encode(&st); err != nil {
		return fmt.Errorf("saving state: %w", err)
	}
	return nil
}

// LoadState restores a state written by SaveState into this Sim, which
// must have the same populations (names, sizes, compositions and channel
// count, in order) and the same seed. On error the Sim is unchanged only
// where the error was found before writing; rebuild it to be safe.
func (s *Sim) LoadState(r io.Reader) error {
	var st simState
	if err := gob.NewDecoder(r).Decode(&st); err != nil {
		return fmt.Errorf("loading state: %w", err)
	}
	if st.Version != stateVersion {
		return fmt.Errorf("loading state: format version %d, this build reads %d (checkpoints written before version %d cannot be resumed; rerun from the start)", st.Version, stateVersion, stateVersion)
	}
	if st.Seed != s.opts.Seed || len(st.Pops) != len(s.pops) {
		return fmt.Errorf("loading state: it was saved from a simulation with seed %d and %d populations; this one has seed %d and %d", st.Seed, len(st.Pops), s.opts.Seed, len(s.pops))
	}
	for i, ps := range st.Pops {
		p := s.pops[i]
		if ps.Name != p.name || ps.Size != p.size || (ps.Source != nil) != p.isSource {
			return fmt.Errorf("loading state: population %d is %q of %d neurons in the state, %q of %d here", i, ps.Name, ps.Size, p.name, p.size)
		}
		if ps.Channels != nil {
			if len(s.Channels(i).List) < len(ps.Channels.List) {
				return fmt.Errorf("loading state: population %q has %d channels in the state, %d here (build the network first)", p.name, len(ps.Channels.List), len(s.Channels(i).List))
			}
		}
	}
	for i, ps := range st.Pops {
		p := s.pops[i]
		v, err := s.bind(p)
		if err != nil {
			return err
		}
		for name, data := range ps.Columns {
			c := p.colByName(name)
			var dst []byte
			if c >= 0 {
				dst = columnBytes(p, v, c)
			}
			if c < 0 || len(dst) != len(data) {
				_ = s.unbind(p)
				return fmt.Errorf("loading state: population %q: state column %q does not match this simulation's", p.name, name)
			}
			copy(dst, data)
		}
		if (ps.Model != nil) != (v.Params != nil) {
			_ = s.unbind(p)
			return fmt.Errorf("loading state: population %q: the model differs from the saved one", p.name)
		}
		if ps.Model != nil {
			d := v.Params.Derived
			*v.Params = *ps.Model
			v.Params.Derived = d
		}
		if ps.Source != nil {
			*v.Source = *ps.Source
		} else {
			*v.MembraneParams, *v.PopSurrogate, *v.Channels = *ps.Membrane, *ps.Surr, *ps.Channels
			if ps.Shared != nil {
				*v.SharedInput = *ps.Shared
			}
			if ps.Adapt != nil {
				*v.AdaptationParams = *ps.Adapt
			}
			if ps.Ref != nil {
				*v.RefractoryParams = *ps.Ref
			}
		}
		p.fired = append(p.fired[:0], ps.Fired...)
		if err := p.pcg.UnmarshalBinary(ps.RNG); err != nil {
			_ = s.unbind(p)
			return fmt.Errorf("loading state: population %q random stream: %w", p.name, err)
		}
		if err := s.unbind(p); err != nil {
			return err
		}
	}
	s.clock.Step, s.clock.DtMs = st.Step, st.DtMs
	return nil
}

// colName is the checkpoint name of column c of p.
func (p *population) colName(c int) string {
	if c >= numCols {
		return "model:" + p.ext[c-numCols].name
	}
	return [numCols]string{"InPop", "Membrane", "Input", "Spike", "Adaptation", "Refractory", "Surrogate",
		"SynG0", "SynG1", "SynG2", "SynG3", "SynH0", "SynH1", "SynH2", "SynH3"}[c]
}

// colByName returns the column of p with checkpoint name name, or −1.
func (p *population) colByName(name string) int {
	for c := 0; c < p.ncols(); c++ {
		if p.has(c) && p.colName(c) == name {
			return c
		}
	}
	return -1
}

// columnBytes returns the raw bytes of column c of a bound view.
func columnBytes(p *population, v *PopView, c int) []byte {
	if c >= numCols {
		return unsafe.Slice((*byte)(v.ext[c-numCols]), v.N*int(p.colSize(c)))
	}
	var ptr unsafe.Pointer
	switch c {
	case colMembrane:
		ptr = unsafe.Pointer(unsafe.SliceData(v.Membrane))
	case colInput:
		ptr = unsafe.Pointer(unsafe.SliceData(v.Input))
	case colSpike:
		ptr = unsafe.Pointer(unsafe.SliceData(v.Spike))
	case colAdaptation:
		ptr = unsafe.Pointer(unsafe.SliceData(v.Adaptation))
	case colRefractory:
		ptr = unsafe.Pointer(unsafe.SliceData(v.Refractory))
	case colSurrogate:
		ptr = unsafe.Pointer(unsafe.SliceData(v.Surrogate))
	case colSynG0, colSynG1, colSynG2, colSynG3:
		ptr = unsafe.Pointer(unsafe.SliceData(v.SynG[c-colSynG0]))
	case colSynH0, colSynH1, colSynH2, colSynH3:
		ptr = unsafe.Pointer(unsafe.SliceData(v.SynH[c-colSynH0]))
	}
	if ptr == nil {
		return nil
	}
	return unsafe.Slice((*byte)(ptr), v.N*int(colSize(c)))
}
