//go:build amd64 && !purego

#include "go_asm.h"
#include "textflag.h"
#include "simd_amd64.h"

// func cubaAVX2(a *fusedArgs)
//
// Registers: SI the argument block, AX the neuron index i (0, 4, 8, …);
// R12 the inputs and BX the spike outputs advance by a group each
// iteration (their strides, 24 and 16 bytes, are not scales); R8/R9 the
// two channels' conductances, R10/R11 their ring slots, R13 V and DI the
// last spike times are indexed by AX. Y13 is 0, Y14 collects g·0 and V·0
// (NaN once a value is NaN or infinite); Y9, Y10, Y11 and Y15 hold V_th,
// 1/(V_th − V_reset), t and the hard-reset mask.
TEXT ·cubaAVX2(SB), NOSPLIT, $0-8
	FUSED_PROLOGUE
	VXORPD Y13, Y13, Y13
	VXORPD Y14, Y14, Y14
	VMOVUPD fusedArgs_th(SI), Y9
	VMOVUPD fusedArgs_inv(SI), Y10
	VMOVUPD fusedArgs_tms(SI), Y11
	VMOVUPD fusedArgs_hard(SI), Y15

loop:
	MOVQ fusedArgs_n(SI), DX
	SUBQ AX, DX
	CMPQ DX, $4
	JLT  done

	// Inputs: a group whose Input is not all zero bits is left to Go.
	VMOVUPD 0(R12), Y0
	VORPD   32(R12), Y0, Y0
	VORPD   64(R12), Y0, Y0
	VPTEST  Y0, Y0
	JNZ     done

	// Loads before stores (4K aliasing, see cubaAVX512): V in Y12,
	// t − t_last in Y8.
	VMOVUPD (R13)(AX*8), Y12
	VSUBPD  (DI)(AX*8), Y11, Y8

	// Channels: g = G·d + ring (g0 in Y3, g1 in Y5), ring = 0; both
	// loaded before either is stored.
	VMOVUPD (R8)(AX*8), Y3
	VMOVUPD (R9)(AX*8), Y5
	VMULPD  fusedArgs_d0(SI), Y3, Y3
	VADDPD  (R10)(AX*8), Y3, Y3
	VMULPD  fusedArgs_d1(SI), Y5, Y5
	VADDPD  (R11)(AX*8), Y5, Y5
	VMOVUPD Y13, (R10)(AX*8)
	VMOVUPD Y13, (R11)(AX*8)
	VMOVUPD Y3, (R8)(AX*8)
	VMOVUPD Y5, (R9)(AX*8)
	VMULPD  Y13, Y3, Y1
	VADDPD  Y1, Y14, Y14
	VMULPD  Y13, Y5, Y1
	VADDPD  Y1, Y14, Y14

	// Current: C = 0 + g0·e0 + g1·e1 (the Input was 0).
	VMULPD fusedArgs_e0(SI), Y3, Y6
	VADDPD Y13, Y6, Y6
	VMULPD fusedArgs_e1(SI), Y5, Y7
	VADDPD Y7, Y6, Y6

	// Reset: where (V − V_th)·inv >= 0, V −= hard ? V − V_reset : V_th − V_reset.
	VMOVAPD Y12, Y0
	VSUBPD  Y9, Y0, Y1
	VMULPD  Y10, Y1, Y1
	VCMPPD  $0x1d, Y13, Y1, Y1 // >= 0, ordered
	VSUBPD  fusedArgs_rs(SI), Y0, Y2
	VMOVUPD fusedArgs_resetC(SI), Y7
	VBLENDVPD Y15, Y2, Y7, Y2
	VSUBPD  Y2, Y0, Y2
	VBLENDVPD Y1, Y2, Y0, Y0

	// Integrate unless t − t_last < tau_ref:
	// V + (decay·((V_rest + R·(C + bias)) − V) + 0).
	VCMPPD  $0x11, fusedArgs_ref(SI), Y8, Y8 // <, ordered
	VADDPD  fusedArgs_bias(SI), Y6, Y6
	VMULPD  fusedArgs_r(SI), Y6, Y6
	VADDPD  fusedArgs_rest(SI), Y6, Y6
	VSUBPD  Y0, Y6, Y6
	VMULPD  fusedArgs_decay(SI), Y6, Y6
	VADDPD  Y13, Y6, Y6
	VADDPD  Y6, Y0, Y6
	VBLENDVPD Y8, Y0, Y6, Y0
	VMOVUPD Y0, (R13)(AX*8)
	VMULPD  Y13, Y0, Y1
	VADDPD  Y1, Y14, Y14

	// Spikes: S = 1 where (V − V_th)·inv >= 0, DSdV = 0, t_last = t.
	VSUBPD  Y9, Y0, Y1
	VMULPD  Y10, Y1, Y1
	VCMPPD  $0x1d, Y13, Y1, Y1
	VANDPD  fusedArgs_one(SI), Y1, Y2
	VUNPCKLPD  Y13, Y2, Y3         // S0 0 | S2 0
	VUNPCKHPD  Y13, Y2, Y4         // S1 0 | S3 0
	VPERM2F128 $0x20, Y4, Y3, Y5   // S0 0 S1 0
	VPERM2F128 $0x31, Y4, Y3, Y6   // S2 0 S3 0
	VMOVUPD    Y5, 0(BX)
	VMOVUPD    Y6, 32(BX)
	VMOVUPD    (DI)(AX*8), Y7
	VBLENDVPD  Y1, Y11, Y7, Y7
	VMOVUPD    Y7, (DI)(AX*8)
	VMOVMSKPD  Y1, DX
	TESTQ      DX, DX
	JNZ        fire

next:
	ADDQ $4, AX
	ADDQ $96, R12
	ADDQ $64, BX
	JMP  loop

fire:
	// Append lo + i + b to fired for every set bit b of DX.
	FIRED_SAVE

bit:
	FIRED_BIT(bit)
	FIRED_RESTORE
	JMP  next

done:
	VCMPPD    $0x03, Y14, Y14, Y14 // unordered: NaN
	VMOVMSKPD Y14, DX
	MOVQ      DX, fusedArgs_bad(SI)
	MOVQ      AX, fusedArgs_done(SI)
	VZEROUPPER
	RET
