//go:build amd64 && !purego

#include "go_asm.h"
#include "textflag.h"
#include "simd_amd64.h"

// func cobaAVX512(a *fusedArgs)
//
// cobaAVX2 with eight lanes (AVX-512F): the same operations in the same
// order, so the same bits; registers and shared steps in simd_amd64.h
// (Z23 = tau, Z30 = dt here). A group left to Go is left before
// anything of it is stored; V and t − t_last are loaded before the
// group's stores (4K aliasing, see cubaAVX2).
TEXT ·cobaAVX512(SB), NOSPLIT, $0-8
	FUSED_PROLOGUE
	CONSTS8
	VBROADCASTSD fusedArgs_tau(SI), Z23
	VBROADCASTSD fusedArgs_dt(SI), Z30

loop:
	GROUP_LEFT(8)
	INPUT_ZERO8
	VMOVUPD (R13)(AX*8), Z10     // V
	VSUBPD  (DI)(AX*8), Z28, Z11 // t − t_last
	CHANNELS(Z3, Z5, Z16, Z17)

	// dI/dV = 0 − g0 − g1 (Z7); a zero is the other branch: left to Go.
	VSUBPD   Z3, Z31, Z7
	VSUBPD   Z5, Z7, Z7
	VCMPPD   $0x00, Z31, Z7, K1 // == 0, ordered
	KORTESTW K1, K1
	JNZ      done

	// z = dt·((−1 + R·dI/dV)/tau) (Z0); |z| > 1/2 is left to Go.
	VMULPD      Z21, Z7, Z0
	VADDPD.BCST fusedArgs_minus1(SI), Z0, Z0
	VDIVPD      Z23, Z0, Z0
	VMULPD      Z30, Z0, Z0
	VPANDQ      ABSMASK, Z0, Z4
	VCMPPD      $0x1e, HALF, Z4, K1 // > 1/2, ordered
	KORTESTW    K1, K1
	JNZ         done

	STORE_CHANNELS(Z3, Z5, Z31, Z1, Z15)

	// Current: C = 0 + g0·E0 + g1·E1 (Z6).
	VMULPD Z18, Z3, Z6
	VADDPD Z31, Z6, Z6
	VMULPD Z19, Z5, Z1
	VADDPD Z1, Z6, Z6

	// φ(z) by exprelScalar's series (Z3); z2 in Z1, z4 in Z2.
	EXPREL(Z0, Z1, Z2, Z3, Z4, Z5, Z8)

	VMOVAPD Z10, Z0
	RESET8

	// Integrate where !(t − t_last < tau_ref):
	// f = ((V_rest − V) + R·((C + bias) + dI/dV·V))/tau, V + (dt·φ)·f + 0.
	VCMPPD  $0x05, Z29, Z11, K2 // not <, unordered: Go's !(a < b)
	VSUBPD  Z0, Z22, Z1
	VMULPD  Z0, Z7, Z2
	VADDPD  Z20, Z6, Z6
	VADDPD  Z2, Z6, Z6
	VMULPD  Z21, Z6, Z6
	VADDPD  Z6, Z1, Z1
	VDIVPD  Z23, Z1, Z1
	VMULPD  Z30, Z3, Z2
	VMULPD  Z1, Z2, Z2
	VADDPD  Z2, Z0, Z2
	VADDPD  Z31, Z2, Z2
	VMOVAPD Z2, K2, Z0
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
