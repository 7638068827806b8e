package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spikecs/spikecs/scenarios"
)

// memoryError is a run refused because its memory estimate exceeds the
// available memory (exit status 1: the scenario may run on a larger
// machine).
type memoryError struct{ msg string }

func (e *memoryError) Error() string { return e.msg }

// availableMemory returns the memory a new allocation can use, in bytes:
// MemAvailable of /proc/meminfo, lowered to the cgroup's limit minus its
// usage when a cgroup v2 limit is set (a container). ok is false where it
// cannot be read (not Linux).
func availableMemory() (bytes int64, ok bool) {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemAvailable:" {
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			if err != nil {
				return 0, false
			}
			bytes, ok = kb*1024, true
			break
		}
	}
	if !ok {
		return 0, false
	}
	if limit, err := readInt("/sys/fs/cgroup/memory.max"); err == nil {
		if used, err := readInt("/sys/fs/cgroup/memory.current"); err == nil && limit-used < bytes {
			bytes = max(limit-used, 0)
		}
	}
	return bytes, true
}

// readInt reads a file holding one integer ("max" is an error).
func readInt(path string) (int64, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
}

// checkMemory refuses a run whose estimate (times the runs executed at
// once) exceeds the available memory, before anything is allocated.
func checkMemory(o *options, sc *scenarios.Scenario, e scenarios.Estimate, concurrent int) error {
	if !o.memoryCheck {
		return nil
	}
	avail, ok := availableMemory()
	if !ok {
		return nil
	}
	need := e.Bytes
	what := ""
	if concurrent > 1 {
		need = e.Bytes * int64(concurrent)
		if need/int64(concurrent) != e.Bytes {
			need = e.Bytes // overflow: a single run is already too large
		}
		what = fmt.Sprintf(" for %d runs at once (-workers)", concurrent)
	}
	if need <= avail {
		return nil
	}
	return &memoryError{fmt.Sprintf("%s: needs more memory than is available: estimate %s%s, available %s (MemAvailable); make it smaller, run it on a larger machine, or give -memory-check=false to try anyway",
		sc.File, e, what, scenarios.HumanBytes(avail))}
}
