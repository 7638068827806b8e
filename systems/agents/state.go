package agents

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"slices"
)

// HostStateVersion identifies the format SaveState writes; LoadState
// refuses any other.
const HostStateVersion = 1

// ErrHostState marks the errors of LoadState about the saved state itself
// (unreadable, another format version, or saved from a Host built
// differently), as opposed to errors of the Host.
var ErrHostState = errors.New("agents: the saved state does not fit")

// hostState is what SaveState writes: the Sim's and the network's own
// states (ecs.Sim.SaveState, systems.Network.SaveState), the tick count,
// and per brain kind the slot table, the per-neuron drive and spike counts
// and every motor's rate window.
type hostState struct {
	Version  int
	Ticks    int64
	Sim, Net []byte
	Kinds    []kindState
	Motors   []motorState
}

// kindState is one brain kind's saved state.
type kindState struct {
	Name  string
	Banks []bankState
	// FreeBank and FreeSlot are the free list in its order (the next Add
	// takes the last entry).
	FreeBank, FreeSlot []int32
}

// bankState is one bank's saved state. Owners are saved as entity ID and
// generation: an arche Entity cannot be made from them, so LoadState
// checks them against the Host's own slot table instead.
type bankState struct {
	Slots      int
	OwnerID    []uint32
	OwnerGen   []uint32
	DriveMA    []float64
	RateHz     []float64
	Counts     []int32
	Population int
}

// motorState is one motor's rate windows, one per bank of its kind.
type motorState struct {
	Name    string
	Windows []windowState
}

// windowState is the saved ring, sums and fill levels of one window.
type windowState struct {
	Ring, Sum, Filled []int32
}

// SaveState writes the Host's complete state between two ticks to w
// (encoding/gob): the neural simulation (every neuron, channel and random
// stream), the synapse network, the tick count, which agent holds which
// brain slot, the sensor drive, the spike counts and every motor's rate
// window. The caller's own world state (its components, its random
// sources) is not part of it. LoadState on a Host built the same way
// continues bit for bit.
func (h *Host) SaveState(w io.Writer) error {
	if h.busy {
		return fmt.Errorf("agents: save state: called from inside a sensor or motor function; do it between ticks")
	}
	st := hostState{Version: HostStateVersion, Ticks: h.ticks}
	var simBuf, netBuf bytes.Buffer
	if err := h.sim.SaveState(&simBuf); err != nil {
		return fmt.Errorf("agents: save state: %w", err)
	}
	if err := h.net.SaveState(&netBuf); err != nil {
		return fmt.Errorf("agents: save state: %w", err)
	}
	st.Sim, st.Net = simBuf.Bytes(), netBuf.Bytes()
	for _, b := range h.kinds {
		ks := kindState{Name: b.spec.Name, FreeBank: make([]int32, len(b.free)), FreeSlot: make([]int32, len(b.free))}
		for k, ref := range b.free {
			ks.FreeBank[k], ks.FreeSlot[k] = ref.bank, ref.slot
		}
		for _, bk := range b.banks {
			bs := bankState{Slots: bk.slots, Population: bk.pop, OwnerID: make([]uint32, bk.slots), OwnerGen: make([]uint32, bk.slots),
				DriveMA: slices.Clone(bk.driveMA), RateHz: slices.Clone(bk.rateHz), Counts: slices.Clone(bk.counts)}
			for s, a := range bk.owner {
				bs.OwnerID[s], bs.OwnerGen[s] = a.ID(), a.Generation()
			}
			ks.Banks = append(ks.Banks, bs)
		}
		st.Kinds = append(st.Kinds, ks)
	}
	for _, m := range h.motors {
		ms := motorState{Name: m.spec.Name}
		for _, wd := range m.windows {
			ms.Windows = append(ms.Windows, windowState{Ring: slices.Clone(wd.ring), Sum: slices.Clone(wd.sum), Filled: slices.Clone(wd.filled)})
		}
		st.Motors = append(st.Motors, ms)
	}
	if err := gob.NewEncoder(w).Encode(&st); err != nil {
		return fmt.Errorf("agents: save state: %w", err)
	}
	return nil
}

// LoadState restores a state written by SaveState into this Host, which
// must have been built the same way: the same options and seed, the same
// brain kinds, sensors and motors added in the same order, the same banks,
// and the same agents (entity IDs and generations, as a deterministic
// rebuild of the world gives) holding the same slots. Errors about the
// state wrap ErrHostState and name what differs; the Host is then only
// partly restored and must be rebuilt.
func (h *Host) LoadState(r io.Reader) error {
	if err := h.checkUnlocked("load state"); err != nil {
		return err
	}
	var st hostState
	if err := gob.NewDecoder(r).Decode(&st); err != nil {
		return fmt.Errorf("%w: unreadable: %v", ErrHostState, err)
	}
	if st.Version != HostStateVersion {
		return fmt.Errorf("%w: format version %d, this build reads %d", ErrHostState, st.Version, HostStateVersion)
	}
	if err := h.checkState(&st); err != nil {
		return fmt.Errorf("%w: %v", ErrHostState, err)
	}
	if err := h.sim.LoadState(bytes.NewReader(st.Sim)); err != nil {
		return fmt.Errorf("%w: %v", ErrHostState, err)
	}
	if err := h.net.LoadState(bytes.NewReader(st.Net)); err != nil {
		return fmt.Errorf("%w: %v", ErrHostState, err)
	}
	h.ticks = st.Ticks
	for i, b := range h.kinds {
		ks := st.Kinds[i]
		for k := range b.free {
			b.free[k] = slotRef{bank: ks.FreeBank[k], slot: ks.FreeSlot[k]}
		}
		for j, bk := range b.banks {
			bs := ks.Banks[j]
			copy(bk.driveMA, bs.DriveMA)
			copy(bk.rateHz, bs.RateHz)
			copy(bk.counts, bs.Counts)
		}
	}
	for i, m := range h.motors {
		for j, wd := range m.windows {
			ws := st.Motors[i].Windows[j]
			copy(wd.ring, ws.Ring)
			copy(wd.sum, ws.Sum)
			copy(wd.filled, ws.Filled)
		}
	}
	return nil
}

// checkState compares the shape of a saved state with this Host's.
func (h *Host) checkState(st *hostState) error {
	if len(st.Kinds) != len(h.kinds) || len(st.Motors) != len(h.motors) {
		return fmt.Errorf("it has %d brain kinds and %d motors, this Host %d and %d", len(st.Kinds), len(st.Motors), len(h.kinds), len(h.motors))
	}
	for i, b := range h.kinds {
		ks := st.Kinds[i]
		if ks.Name != b.spec.Name || len(ks.Banks) != len(b.banks) {
			return fmt.Errorf("brain kind %d is %q with %d banks in the state, %q with %d here", i, ks.Name, len(ks.Banks), b.spec.Name, len(b.banks))
		}
		if len(ks.FreeBank) != len(b.free) || len(ks.FreeSlot) != len(b.free) {
			return fmt.Errorf("brain %q: %d free slots in the state, %d here", b.spec.Name, len(ks.FreeBank), len(b.free))
		}
		for k, bi := range ks.FreeBank {
			s := ks.FreeSlot[k]
			if bi < 0 || int(bi) >= len(b.banks) || s < 0 || int(s) >= b.banks[bi].slots || !b.banks[bi].owner[s].IsZero() {
				return fmt.Errorf("brain %q: free slot %d of bank %d in the state is not free here", b.spec.Name, s, bi)
			}
		}
		for j, bk := range b.banks {
			bs := ks.Banks[j]
			if bs.Slots != bk.slots || bs.Population != bk.pop || len(bs.OwnerID) != bk.slots || len(bs.OwnerGen) != bk.slots ||
				len(bs.DriveMA) != len(bk.driveMA) || len(bs.RateHz) != len(bk.rateHz) || len(bs.Counts) != len(bk.counts) {
				return fmt.Errorf("brain %q, bank %d: %d slots (population %d) in the state, %d (population %d) here", b.spec.Name, j, bs.Slots, bs.Population, bk.slots, bk.pop)
			}
			for s, a := range bk.owner {
				if bs.OwnerID[s] != a.ID() || bs.OwnerGen[s] != a.Generation() {
					return fmt.Errorf("brain %q, bank %d, slot %d: held by entity %d (generation %d) in the state, by %d (generation %d) here; add the agents' brains in the same order as the saved run",
						b.spec.Name, j, s, bs.OwnerID[s], bs.OwnerGen[s], a.ID(), a.Generation())
				}
			}
		}
	}
	for i, m := range h.motors {
		ms := st.Motors[i]
		if ms.Name != m.spec.Name || len(ms.Windows) != len(m.windows) {
			return fmt.Errorf("motor %d is %q with %d windows in the state, %q with %d here", i, ms.Name, len(ms.Windows), m.spec.Name, len(m.windows))
		}
		for j, wd := range m.windows {
			ws := ms.Windows[j]
			if len(ws.Ring) != len(wd.ring) || len(ws.Sum) != len(wd.sum) || len(ws.Filled) != len(wd.filled) {
				return fmt.Errorf("motor %q, bank %d: the rate window has another size in the state", m.spec.Name, j)
			}
		}
	}
	return nil
}
