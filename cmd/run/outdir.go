package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// publish writes out through a temporary directory without the checks of
// prepareOut (for callers that did not prepare a target): it locks out,
// calls write with a fresh temporary directory next to it and, when write
// succeeds, moves it to out (replacing an existing out directory as a
// whole). On any failure the temporary directory and the parent
// directories made for it are removed and an existing out is left as it
// was.
func publish(out string, write func(tmp string) error) error {
	if fi, err := os.Stat(out); err == nil && !fi.IsDir() {
		return fmt.Errorf("output %s exists and is not a directory", out)
	}
	tg, err := lockOut(out)
	if err != nil {
		return err
	}
	defer tg.release()
	return tg.publish(write)
}

// replaceDir moves tmp to out, replacing an existing out directory. If
// the final rename fails, the previous out is put back.
func replaceDir(tmp, out string) error {
	fi, err := os.Stat(out)
	if err != nil {
		if err := os.Rename(tmp, out); err != nil {
			return fmt.Errorf("writing %s: %w", out, err)
		}
		return nil
	}
	if !fi.IsDir() {
		return fmt.Errorf("output %s exists and is not a directory", out)
	}
	old := tmp + ".old"
	if err := os.Rename(out, old); err != nil {
		return fmt.Errorf("replacing %s: %w", out, err)
	}
	if err := os.Rename(tmp, out); err != nil {
		if rerr := os.Rename(old, out); rerr != nil {
			return fmt.Errorf("writing %s: %w (the previous outputs are in %s)", out, err, old)
		}
		return fmt.Errorf("writing %s: %w", out, err)
	}
	_ = os.RemoveAll(old)
	return nil
}

// mkdirAll is os.MkdirAll that also returns the directories it created,
// outermost first, so that a failed run can remove them again.
func mkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	slices.Reverse(missing)
	return missing, nil
}

// removeEmpty removes the directories made by mkdirAll, innermost first,
// as long as they are empty.
func removeEmpty(created []string) {
	for i := len(created) - 1; i >= 0; i-- {
		if os.Remove(created[i]) != nil {
			return
		}
	}
}
