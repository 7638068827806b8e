//go:build amd64 && !purego

#include "textflag.h"

// func exprelAVX2(zs []float64) int
//
// Replaces zs[i] by the Taylor series of exprelSlice, four at a time,
// with exactly its operations in its order (no FMA), so the results are
// the same bits. It stops before the first group of four that holds a z
// with |z| > 0.5 (exprelSlice's Expm1 branch) and returns how many it
// replaced (a multiple of 4; the tail of len(zs) mod 4 is left alone).
TEXT ·exprelAVX2(SB), NOSPLIT, $0-32
	MOVQ zs_base+0(FP), SI
	MOVQ zs_len+8(FP), CX
	ANDQ $-4, CX
	XORQ AX, AX
	VMOVUPD ·exprelTab+576(SB), Y14
	VMOVUPD ·exprelTab+32(SB), Y15

loop:
	CMPQ AX, CX
	JGE  done
	VMOVUPD (SI)(AX*8), Y0       // z
	VANDPD  Y14, Y0, Y1          // |z|
	VCMPPD  $0x1e, Y15, Y1, Y1   // |z| > 0.5 (ordered: NaN is false)
	VMOVMSKPD Y1, DX
	TESTL   DX, DX
	JNZ     done
	VMULPD  Y0, Y0, Y1           // z2
	VMULPD  Y1, Y1, Y2           // z4
	VMULPD  Y2, Y2, Y3           // z8

	// a = 1 + z*c1 + z2*(c2 + z*c3)
	VMULPD  ·exprelTab+64(SB), Y0, Y4
	VADDPD  ·exprelTab+0(SB), Y4, Y4
	VMULPD  ·exprelTab+128(SB), Y0, Y5
	VADDPD  ·exprelTab+96(SB), Y5, Y5
	VMULPD  Y5, Y1, Y5
	VADDPD  Y5, Y4, Y4

	// b = c4 + z*c5 + z2*(c6 + z*c7)
	VMULPD  ·exprelTab+192(SB), Y0, Y5
	VADDPD  ·exprelTab+160(SB), Y5, Y5
	VMULPD  ·exprelTab+256(SB), Y0, Y6
	VADDPD  ·exprelTab+224(SB), Y6, Y6
	VMULPD  Y6, Y1, Y6
	VADDPD  Y6, Y5, Y5

	// c = c8 + z*c9 + z2*(c10 + z*c11)
	VMULPD  ·exprelTab+320(SB), Y0, Y6
	VADDPD  ·exprelTab+288(SB), Y6, Y6
	VMULPD  ·exprelTab+384(SB), Y0, Y7
	VADDPD  ·exprelTab+352(SB), Y7, Y7
	VMULPD  Y7, Y1, Y7
	VADDPD  Y7, Y6, Y6

	// d = c12 + z*c13 + z2*(c14 + z*c15) + z4*c16
	VMULPD  ·exprelTab+448(SB), Y0, Y7
	VADDPD  ·exprelTab+416(SB), Y7, Y7
	VMULPD  ·exprelTab+512(SB), Y0, Y8
	VADDPD  ·exprelTab+480(SB), Y8, Y8
	VMULPD  Y8, Y1, Y8
	VADDPD  Y8, Y7, Y7
	VMULPD  ·exprelTab+544(SB), Y2, Y8
	VADDPD  Y8, Y7, Y7

	// a + z4*b + z8*(c + z4*d)
	VMULPD  Y5, Y2, Y5
	VADDPD  Y5, Y4, Y4
	VMULPD  Y7, Y2, Y7
	VADDPD  Y7, Y6, Y6
	VMULPD  Y6, Y3, Y6
	VADDPD  Y6, Y4, Y4
	VMOVUPD Y4, (SI)(AX*8)
	ADDQ    $4, AX
	JMP     loop

done:
	VZEROUPPER
	MOVQ AX, ret+24(FP)
	RET
