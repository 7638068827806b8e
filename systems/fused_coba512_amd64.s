//go:build amd64 && !purego

#include "go_asm.h"
#include "textflag.h"
#include "simd_amd64.h"

// func cobaAVX512(a *fusedArgs)
//
// cobaAVX2 with eight lanes (AVX-512F): the same operations in the same
// order, so the same bits. Registers as in cubaAVX512: SI the argument
// block, AX the neuron index; R12 inputs and BX spike outputs advance by
// a group; R8/R9 conductances, R10/R11 ring slots, R13 V, DI last spike
// times are indexed by AX. Z16–Z30 hold the constants, Z31 = 0, Z13–Z14
// the permutation indices of the spike outputs, Z15 collects g·0 and
// V·0; K6 = the even lanes, K7 = the hard-reset mask. A group left to
// Go is left before anything of it is stored.
TEXT ·cobaAVX512(SB), NOSPLIT, $0-8
	FUSED_PROLOGUE
	VBROADCASTSD fusedArgs_d0(SI), Z16
	VBROADCASTSD fusedArgs_d1(SI), Z17
	VBROADCASTSD fusedArgs_e0(SI), Z18
	VBROADCASTSD fusedArgs_e1(SI), Z19
	VBROADCASTSD fusedArgs_bias(SI), Z20
	VBROADCASTSD fusedArgs_r(SI), Z21
	VBROADCASTSD fusedArgs_rest(SI), Z22
	VBROADCASTSD fusedArgs_tau(SI), Z23
	VBROADCASTSD fusedArgs_th(SI), Z24
	VBROADCASTSD fusedArgs_inv(SI), Z25
	VBROADCASTSD fusedArgs_rs(SI), Z26
	VBROADCASTSD fusedArgs_resetC(SI), Z27
	VBROADCASTSD fusedArgs_tms(SI), Z28
	VBROADCASTSD fusedArgs_ref(SI), Z29
	VBROADCASTSD fusedArgs_dt(SI), Z30
	VPXORQ       Z31, Z31, Z31
	VPXORQ       Z15, Z15, Z15
	VMOVUPD      ·permIdx+0(SB), Z13
	VMOVUPD      ·permIdx+64(SB), Z14
	MOVL         $0x55, DX
	KMOVW        DX, K6
	MOVQ         fusedArgs_hard(SI), DX
	KMOVW        DX, K7

loop:
	MOVQ fusedArgs_n(SI), DX
	SUBQ AX, DX
	CMPQ DX, $8
	JLT  done

	// Inputs: a group whose Input is not all zero bits is left to Go.
	VMOVUPD  0(R12), Z0
	VPORQ    64(R12), Z0, Z0
	VPORQ    128(R12), Z0, Z0
	VPTESTMQ Z0, Z0, K1
	KORTESTW K1, K1
	JNZ      done

	// Loads before stores: the columns start at the same address mod
	// 4096 (arche allocates them page-aligned), and a load behind a store
	// of this group to another column at that offset would wait for it
	// (4K aliasing). V in Z10, t − t_last in Z11.
	VMOVUPD (R13)(AX*8), Z10
	VSUBPD  (DI)(AX*8), Z28, Z11

	// Channels: g = G·d + ring (g0 in Z3, g1 in Z5), not stored yet.
	VMOVUPD (R8)(AX*8), Z3
	VMOVUPD (R9)(AX*8), Z5
	VMULPD  Z16, Z3, Z3
	VADDPD  (R10)(AX*8), Z3, Z3
	VMULPD  Z17, Z5, Z5
	VADDPD  (R11)(AX*8), Z5, Z5

	// dI/dV = 0 − g0 − g1 (Z7); a zero is the other branch: left to Go.
	VSUBPD   Z3, Z31, Z7
	VSUBPD   Z5, Z7, Z7
	VCMPPD   $0x00, Z31, Z7, K1 // == 0, ordered
	KORTESTW K1, K1
	JNZ      done

	// z = dt·((−1 + R·dI/dV)/tau) (Z0); |z| > 1/2 is left to Go.
	VMULPD        Z21, Z7, Z0
	VADDPD.BCST   fusedArgs_minus1(SI), Z0, Z0
	VDIVPD        Z23, Z0, Z0
	VMULPD        Z30, Z0, Z0
	VPANDQ        ABSMASK, Z0, Z4
	VCMPPD        $0x1e, HALF, Z4, K1 // > 1/2, ordered
	KORTESTW      K1, K1
	JNZ           done

	// The group is the kernel's: store the channels, clear the ring slots.
	VMOVUPD Z31, (R10)(AX*8)
	VMOVUPD Z31, (R11)(AX*8)
	VMOVUPD Z3, (R8)(AX*8)
	VMOVUPD Z5, (R9)(AX*8)
	VMULPD  Z31, Z3, Z1
	VADDPD  Z1, Z15, Z15
	VMULPD  Z31, Z5, Z1
	VADDPD  Z1, Z15, Z15

	// Current: C = 0 + g0·E0 + g1·E1 (Z6).
	VMULPD Z18, Z3, Z6
	VADDPD Z31, Z6, Z6
	VMULPD Z19, Z5, Z1
	VADDPD Z1, Z6, Z6

	// φ(z) by exprelScalar's series (Z3); z2 in Z1, z4 in Z2.
	EXPREL(Z0, Z1, Z2, Z3, Z4, Z5, Z8)

	// Reset where (V − V_th)·inv >= 0.
	VMOVAPD   Z10, Z0
	VSUBPD    Z24, Z0, Z1
	VMULPD    Z25, Z1, Z1
	VCMPPD    $0x1d, Z31, Z1, K1 // >= 0, ordered
	VSUBPD    Z26, Z0, Z2
	VBLENDMPD Z2, Z27, K7, Z2    // hard ? V − V_reset : V_th − V_reset
	VSUBPD    Z2, Z0, K1, Z0

	// Integrate where !(t − t_last < tau_ref):
	// f = ((V_rest − V) + R·((C + bias) + dI/dV·V))/tau, V + (dt·φ)·f + 0.
	VCMPPD $0x05, Z29, Z11, K2 // not <, unordered: Go's !(a < b)
	VSUBPD Z0, Z22, Z1
	VMULPD Z0, Z7, Z2
	VADDPD Z20, Z6, Z6
	VADDPD Z2, Z6, Z6
	VMULPD Z21, Z6, Z6
	VADDPD Z6, Z1, Z1
	VDIVPD Z23, Z1, Z1
	VMULPD Z30, Z3, Z2
	VMULPD Z1, Z2, Z2
	VADDPD Z2, Z0, Z2
	VADDPD Z31, Z2, Z2
	VMOVAPD Z2, K2, Z0
	VMOVUPD Z0, (R13)(AX*8)
	VMULPD  Z31, Z0, Z1
	VADDPD  Z1, Z15, Z15

	// Spikes where (V − V_th)·inv >= 0 (K1): without one the outputs are
	// S = DSdV = 0; the fire path writes the others.
	VSUBPD   Z24, Z0, Z1
	VMULPD   Z25, Z1, Z1
	VCMPPD   $0x1d, Z31, Z1, K1
	KORTESTW K1, K1
	JNZ      fire
	VMOVUPD  Z31, 0(BX)
	VMOVUPD  Z31, 64(BX)

next:
	ADDQ $8, AX
	ADDQ $192, R12
	ADDQ $128, BX
	JMP  loop

fire:
	// S = 1 where K1 (DSdV = 0), t_last = t where K1; append lo + i + b to
	// fired for every set bit b of K1.
	VBROADCASTSD fusedArgs_one(SI), Z2
	VMOVAPD.Z    Z2, K1, Z2
	VPERMPD.Z Z2, Z13, K6, Z3 // S0 0 S1 0 S2 0 S3 0
	VPERMPD.Z Z2, Z14, K6, Z4 // S4 0 … S7 0
	VMOVUPD   Z3, 0(BX)
	VMOVUPD   Z4, 64(BX)
	VMOVUPD   Z28, K1, (DI)(AX*8)
	KMOVW     K1, DX
	FIRED_SAVE

bit:
	FIRED_BIT(bit)
	FIRED_RESTORE
	JMP  next

done:
	VCMPPD $0x03, Z15, Z15, K1 // unordered: NaN
	KMOVW  K1, DX
	MOVQ   DX, fusedArgs_bad(SI)
	MOVQ   AX, fusedArgs_done(SI)
	VZEROUPPER
	RET
