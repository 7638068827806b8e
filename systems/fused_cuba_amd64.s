//go:build amd64 && !purego

#include "go_asm.h"
#include "textflag.h"
#include "simd_amd64.h"

// func cubaAVX2(a *fusedArgs)
//
// Four neurons at a time; registers and shared steps in simd_amd64.h.
// Each group loads what it reads (inputs, V, t_last, conductances)
// before it stores anything: the columns start at the same address mod
// 4096, and a load behind a store of the same group to another column at
// that offset would wait for it (4K aliasing).
TEXT ·cubaAVX2(SB), NOSPLIT, $0-8
	FUSED_PROLOGUE
	CONSTS4

loop:
	GROUP_LEFT(4)
	INPUT_ZERO4
	VMOVUPD (R13)(AX*8), Y12    // V
	VSUBPD  (DI)(AX*8), Y11, Y8 // t − t_last
	CHANNELS(Y3, Y5, fusedArgs_d0(SI), fusedArgs_d1(SI))
	STORE_CHANNELS(Y3, Y5, Y13, Y1, Y14)

	// Current: C = 0 + g0·e0 + g1·e1 (the Input was 0).
	VMULPD fusedArgs_e0(SI), Y3, Y6
	VADDPD Y13, Y6, Y6
	VMULPD fusedArgs_e1(SI), Y5, Y7
	VADDPD Y7, Y6, Y6

	VMOVAPD Y12, Y0
	RESET4(Y0, Y7)

	// Integrate unless t − t_last < tau_ref:
	// V + (decay·((V_rest + R·(C + bias)) − V) + 0).
	VCMPPD    $0x11, fusedArgs_ref(SI), Y8, Y8 // <, ordered
	VADDPD    fusedArgs_bias(SI), Y6, Y6
	VMULPD    fusedArgs_r(SI), Y6, Y6
	VADDPD    fusedArgs_rest(SI), Y6, Y6
	VSUBPD    Y0, Y6, Y6
	VMULPD    fusedArgs_decay(SI), Y6, Y6
	VADDPD    Y13, Y6, Y6
	VADDPD    Y6, Y0, Y6
	VBLENDVPD Y8, Y0, Y6, Y0
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
