//go:build amd64 && !purego

#include "go_asm.h"
#include "textflag.h"
#include "simd_amd64.h"

// func cobaAVX2(a *fusedArgs)
//
// Registers as in cubaAVX2 (fused_cuba_amd64.s): SI the argument block,
// AX the neuron index; R12 inputs and BX spike outputs advance by a
// group; R8/R9 conductances, R10/R11 ring slots, R13 V, DI last spike
// times are indexed by AX. Y13 = 0, Y14 collects g·0 and V·0, Y9 = V_th,
// Y10 = 1/(V_th − V_reset), Y11 = t, Y15 = the hard-reset mask. A group
// the kernel leaves to Go is left before anything of it is stored.
TEXT ·cobaAVX2(SB), NOSPLIT, $0-8
	FUSED_PROLOGUE
	VXORPD  Y13, Y13, Y13
	VXORPD  Y14, Y14, Y14
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

	// V in Y12, loaded before this group's stores (4K aliasing, see
	// cubaAVX512).
	VMOVUPD (R13)(AX*8), Y12

	// Channels: g = G·d + ring (g0 in Y3, g1 in Y5), not stored yet.
	VMOVUPD (R8)(AX*8), Y3
	VMOVUPD (R9)(AX*8), Y5
	VMULPD  fusedArgs_d0(SI), Y3, Y3
	VADDPD  (R10)(AX*8), Y3, Y3
	VMULPD  fusedArgs_d1(SI), Y5, Y5
	VADDPD  (R11)(AX*8), Y5, Y5

	// dI/dV = 0 − g0 − g1 (Y7); a zero is the other branch: left to Go.
	VSUBPD    Y3, Y13, Y7
	VSUBPD    Y5, Y7, Y7
	VCMPPD    $0x00, Y13, Y7, Y8 // == 0, ordered
	VMOVMSKPD Y8, DX
	TESTQ     DX, DX
	JNZ       done

	// z = dt·((−1 + R·dI/dV)/tau) (Y0); |z| > 1/2 is left to Go.
	VMULPD    fusedArgs_r(SI), Y7, Y0
	VADDPD    fusedArgs_minus1(SI), Y0, Y0
	VDIVPD    fusedArgs_tau(SI), Y0, Y0
	VMULPD    fusedArgs_dt(SI), Y0, Y0
	VANDPD    ABSMASK, Y0, Y1
	VCMPPD    $0x1e, HALF, Y1, Y1 // > 1/2, ordered
	VMOVMSKPD Y1, DX
	TESTQ     DX, DX
	JNZ       done

	// The group is the kernel's: store the channels, clear the ring slots.
	VMOVUPD Y13, (R10)(AX*8)
	VMOVUPD Y13, (R11)(AX*8)
	VMOVUPD Y3, (R8)(AX*8)
	VMOVUPD Y5, (R9)(AX*8)
	VMULPD  Y13, Y3, Y1
	VADDPD  Y1, Y14, Y14
	VMULPD  Y13, Y5, Y1
	VADDPD  Y1, Y14, Y14

	// Current: C = 0 + g0·E0 + g1·E1 (Y6).
	VMULPD fusedArgs_e0(SI), Y3, Y6
	VADDPD Y13, Y6, Y6
	VMULPD fusedArgs_e1(SI), Y5, Y1
	VADDPD Y1, Y6, Y6

	// φ(z) by exprelScalar's series (Y3); z2 in Y1, z4 in Y2.
	EXPREL(Y0, Y1, Y2, Y3, Y4, Y5, Y8)

	// Reset: where (V − V_th)·inv >= 0, V −= hard ? V − V_reset : V_th − V_reset.
	VMOVAPD   Y12, Y0
	VSUBPD    Y9, Y0, Y1
	VMULPD    Y10, Y1, Y1
	VCMPPD    $0x1d, Y13, Y1, Y1 // >= 0, ordered
	VSUBPD    fusedArgs_rs(SI), Y0, Y2
	VMOVUPD   fusedArgs_resetC(SI), Y4
	VBLENDVPD Y15, Y2, Y4, Y2
	VSUBPD    Y2, Y0, Y2
	VBLENDVPD Y1, Y2, Y0, Y0

	// Integrate unless t − t_last < tau_ref:
	// f = ((V_rest − V) + R·((C + bias) + dI/dV·V))/tau,
	// V + (dt·φ)·f + 0.
	VSUBPD    (DI)(AX*8), Y11, Y8
	VCMPPD    $0x11, fusedArgs_ref(SI), Y8, Y8 // <, ordered
	VMOVUPD   fusedArgs_rest(SI), Y1
	VSUBPD    Y0, Y1, Y1
	VMULPD    Y0, Y7, Y2
	VADDPD    fusedArgs_bias(SI), Y6, Y6
	VADDPD    Y2, Y6, Y6
	VMULPD    fusedArgs_r(SI), Y6, Y6
	VADDPD    Y6, Y1, Y1
	VDIVPD    fusedArgs_tau(SI), Y1, Y1
	VMULPD    fusedArgs_dt(SI), Y3, Y2
	VMULPD    Y1, Y2, Y2
	VADDPD    Y2, Y0, Y2
	VADDPD    Y13, Y2, Y2
	VBLENDVPD Y8, Y0, Y2, Y0
	VMOVUPD   Y0, (R13)(AX*8)
	VMULPD    Y13, Y0, Y1
	VADDPD    Y1, Y14, Y14

	// Spikes: S = 1 where (V − V_th)·inv >= 0, DSdV = 0, t_last = t.
	VSUBPD     Y9, Y0, Y1
	VMULPD     Y10, Y1, Y1
	VCMPPD     $0x1d, Y13, Y1, Y1
	VANDPD     fusedArgs_one(SI), Y1, Y2
	VUNPCKLPD  Y13, Y2, Y3       // S0 0 | S2 0
	VUNPCKHPD  Y13, Y2, Y4       // S1 0 | S3 0
	VPERM2F128 $0x20, Y4, Y3, Y5 // S0 0 S1 0
	VPERM2F128 $0x31, Y4, Y3, Y6 // S2 0 S3 0
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
