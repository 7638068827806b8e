package partition

import "os"

// LaunchedByMPI reports whether this process was started by an MPI
// launcher (mpirun/mpiexec of OpenMPI, MPICH's hydra, or a PMIx launcher
// such as srun), judged by the environment they set.
func LaunchedByMPI() bool {
	for _, k := range []string{"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "PMI_RANK"} {
		if _, ok := os.LookupEnv(k); ok {
			return true
		}
	}
	return false
}
