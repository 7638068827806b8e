//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// outLock is an exclusive flock on a lock file next to an output
// directory, holding the pid of its owner. The kernel drops the lock when
// the process dies (also by kill -9), so a lock file left behind never
// blocks a later run.
type outLock struct {
	f    *os.File
	path string
}

// lockHeld is the error of acquireLock when a live process holds the lock.
type lockHeld struct{ pid int }

func (e *lockHeld) Error() string { return fmt.Sprintf("locked by pid %d", e.pid) }

// acquireLock takes the lock at path without waiting.
func acquireLock(path string) (*outLock, error) {
	for range 10 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			data, _ := os.ReadFile(path)
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
				return nil, &lockHeld{pid: pid}
			}
			return nil, err
		}
		// The holder before us may have removed the file after we opened
		// it: then our lock is on an orphan inode; open the path again.
		var a, b syscall.Stat_t
		if syscall.Fstat(int(f.Fd()), &a) != nil || syscall.Stat(path, &b) != nil || a.Ino != b.Ino || a.Dev != b.Dev {
			f.Close()
			continue
		}
		if err := f.Truncate(0); err != nil {
			f.Close()
			return nil, err
		}
		if _, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0); err != nil {
			f.Close()
			return nil, err
		}
		return &outLock{f: f, path: path}, nil
	}
	return nil, fmt.Errorf("%s: the lock file keeps changing", path)
}

// release removes the lock file (while still holding the lock) and drops
// the lock.
func (l *outLock) release() {
	if l == nil || l.f == nil {
		return
	}
	_ = os.Remove(l.path)
	_ = l.f.Close()
	l.f = nil
}

// processAlive reports whether a process with this pid exists.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
