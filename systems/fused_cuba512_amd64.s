//go:build amd64 && !purego

#include "go_asm.h"
#include "textflag.h"
#include "simd_amd64.h"

// func cubaAVX512(a *fusedArgs)
//
// cubaAVX2 with eight lanes (AVX-512F): the same operations in the same
// order, so the same bits; registers and shared steps in simd_amd64.h
// (Z23 = decay here). Each group loads what it reads before it
// stores anything (4K aliasing, see cubaAVX2).
TEXT ·cubaAVX512(SB), NOSPLIT, $0-8
	FUSED_PROLOGUE
	CONSTS8
	VBROADCASTSD fusedArgs_decay(SI), Z23

loop:
	GROUP_LEFT(8)
	INPUT_ZERO8
	VMOVUPD (R13)(AX*8), Z0     // V
	VSUBPD  (DI)(AX*8), Z28, Z9 // t − t_last
	CHANNELS(Z3, Z5, Z16, Z17)
	STORE_CHANNELS(Z3, Z5, Z31, Z4, Z15)

	// Current: C = 0 + g0·e0 + g1·e1 (Z6).
	VMULPD Z18, Z3, Z6
	VADDPD Z31, Z6, Z6
	VMULPD Z19, Z5, Z7
	VADDPD Z7, Z6, Z6

	RESET8

	// Integrate where !(t − t_last < tau_ref):
	// V + (decay·((V_rest + R·(C + bias)) − V) + 0).
	VCMPPD $0x05, Z29, Z9, K2 // not <, unordered: Go's !(a < b)
	VADDPD Z20, Z6, Z6
	VMULPD Z21, Z6, Z6
	VADDPD Z22, Z6, Z6
	VSUBPD Z0, Z6, Z6
	VMULPD Z23, Z6, Z6
	VADDPD Z31, Z6, Z6
	VADDPD Z6, Z0, K2, Z0
	SPIKES8

next:
	NEXT_GROUP(8)

fire:
	FIRE8
	FIRED_SAVE

bit:
	FIRED_BIT(bit)
	FIRED_RESTORE
	JMP next

done:
	DONE8
