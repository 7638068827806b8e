//go:build amd64 && !purego

#include "go_asm.h"
#include "textflag.h"
#include "simd_amd64.h"

// func cobaAVX2(a *fusedArgs)
//
// Four neurons at a time; registers and shared steps in simd_amd64.h.
// A group left to Go is left before anything of it is stored; V is
// loaded before the group's stores (4K aliasing, see cubaAVX2).
TEXT ·cobaAVX2(SB), NOSPLIT, $0-8
	FUSED_PROLOGUE
	CONSTS4

loop:
	GROUP_LEFT(4)
	INPUT_ZERO4
	VMOVUPD (R13)(AX*8), Y12 // V
	CHANNELS(Y3, Y5, fusedArgs_d0(SI), fusedArgs_d1(SI))

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

	STORE_CHANNELS(Y3, Y5, Y13, Y1, Y14)

	// Current: C = 0 + g0·E0 + g1·E1 (Y6).
	VMULPD fusedArgs_e0(SI), Y3, Y6
	VADDPD Y13, Y6, Y6
	VMULPD fusedArgs_e1(SI), Y5, Y1
	VADDPD Y1, Y6, Y6

	// φ(z) by exprelScalar's series (Y3); z2 in Y1, z4 in Y2.
	EXPREL(Y0, Y1, Y2, Y3, Y4, Y5, Y8)

	VMOVAPD Y12, Y0
	RESET4(Y0, Y4)

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
	SPIKES4

next:
	NEXT_GROUP(4)

fire:
	FIRE4
	FIRED_SAVE

bit:
	FIRED_BIT(bit)
	FIRED_RESTORE
	JMP next

done:
	DONE4
