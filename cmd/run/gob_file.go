package main

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
)

// hasFile reports whether dir holds a file name (a checkpoint's kind).
func hasFile(dir, name string) bool {
	_, err := os.Stat(filepath.Join(dir, name))
	return err == nil
}

// readGobFile decodes DIR/name into a T; what names the checkpoint kind in
// the errors ("training", "foraging").
func readGobFile[T any](dir, name, what string) (*T, error) {
	path := filepath.Join(dir, name)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("-resume %s: no %s checkpoint here (%v)", dir, what, err)
	}
	var v T
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&v); err != nil {
		return nil, fmt.Errorf("-resume %s: unreadable checkpoint (%v); rerun from the start", path, err)
	}
	return &v, nil
}

// writeGobSynced encodes v and writes it to path durably (writeFileSynced:
// fsync, then rename).
func writeGobSynced(path string, v any) error {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	if err := writeFileSynced(path, buf.Bytes()); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}
