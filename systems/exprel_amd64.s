//go:build amd64 && !purego

#include "textflag.h"
#include "simd_amd64.h"

// func exprelAVX2(zs []float64) int
//
// Replaces zs[i] by exprelScalar's Taylor series, four at a time, with
// exactly its operations in its order (no FMA), so the results are the
// same bits. It stops before the first group of four that holds a z
// with |z| > 0.5 (exprelScalar's Expm1 branch) and returns how many it
// replaced (a multiple of 4; the tail of len(zs) mod 4 is left alone).
TEXT ·exprelAVX2(SB), NOSPLIT, $0-32
	MOVQ    zs_base+0(FP), SI
	MOVQ    zs_len+8(FP), CX
	ANDQ    $-4, CX
	XORQ    AX, AX
	VMOVUPD ABSMASK, Y14
	VMOVUPD HALF, Y15

loop:
	CMPQ      AX, CX
	JGE       done
	VMOVUPD   (SI)(AX*8), Y0     // z
	VANDPD    Y14, Y0, Y1        // |z|
	VCMPPD    $0x1e, Y15, Y1, Y1 // |z| > 0.5 (ordered: NaN is false)
	VMOVMSKPD Y1, DX
	TESTL     DX, DX
	JNZ       done
	EXPREL(Y0, Y1, Y2, Y3, Y4, Y5, Y6)
	VMOVUPD   Y3, (SI)(AX*8)
	ADDQ      $4, AX
	JMP       loop

done:
	VZEROUPPER
	MOVQ AX, ret+24(FP)
	RET
