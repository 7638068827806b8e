package partition

import (
	"errors"
	"time"
)

// DefaultTimeout is how long an exchange waits for the other partitions
// before it fails (a partition that died or hangs).
const DefaultTimeout = 2 * time.Minute

// ErrAborted is wrapped by the error a partition gets when another one
// failed (see Communicator.Abort).
var ErrAborted = errors.New("another partition failed")

// Communicator connects the partitions of one network. All partitions
// call the collective operations (AllgatherV, Barrier) in the same order;
// each call returns an error instead of blocking for longer than the
// communicator's timeout.
type Communicator interface {
	// Rank is this partition's index, 0 <= Rank < Size.
	Rank() int
	// Size is the number of partitions.
	Size() int
	// AllgatherV sends send to every partition and returns the
	// concatenation of all partitions' messages in rank order (in recv,
	// grown as needed) with counts[r] the length of rank r's message.
	// send is not modified and may be reused once AllgatherV returns.
	AllgatherV(send, recv []int32, counts []int) ([]int32, error)
	// Barrier returns when every partition has called it.
	Barrier() error
	// Abort tells the other partitions that this one failed with err. In
	// process (goroutines) their pending and future collective calls
	// return an error wrapping ErrAborted and naming this partition; with
	// MPI the ranks are ended (MPI_Abort) when MPI is finalised.
	Abort(err error)
}
