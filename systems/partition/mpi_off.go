//go:build !mpi && !mpich

package partition

import (
	"fmt"
	"time"
)

// MPIBuilt reports whether this binary was built with MPI support (build
// tag mpi for OpenMPI or mpich for MPICH).
const MPIBuilt = false

// StartMPI is the stand-in of a build without MPI: it returns an error
// saying how to build with MPI.
func StartMPI(timeout time.Duration) (Communicator, func(), error) {
	return nil, func() {}, fmt.Errorf("this binary was built without MPI; rebuild it with -tags mpi (OpenMPI) or -tags mpich (MPICH) to run under mpirun, or use -partitions K for goroutines")
}
