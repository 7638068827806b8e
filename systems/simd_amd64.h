// Macros shared by the vector kernels (exprel_amd64.s,
// fused_*_amd64.s). The register arguments may be ymm (AVX2) or zmm
// (AVX-512) registers: the constant tables hold eight lanes.

// EXPREL(Z, Z2, Z4, OUT, T1, T2, T3) sets OUT to exprelScalar's series
// at Z — with exactly its operations, so the same bits — and Z2 = Z·Z,
// Z4 = Z2·Z2; T1–T3 are scratch:
// a + z4·b + z8·(c + z4·d) with a = 1 + z·c1 + z2·(c2 + z·c3),
// b = c4 + z·c5 + z2·(c6 + z·c7), c = c8 + z·c9 + z2·(c10 + z·c11),
// d = c12 + z·c13 + z2·(c14 + z·c15) + z4·c16.
#define EXPREL(Z, Z2, Z4, OUT, T1, T2, T3) \
	VMULPD Z, Z, Z2; \
	VMULPD Z2, Z2, Z4; \
	VMULPD ·exprelTab+128(SB), Z, OUT; \
	VADDPD ·exprelTab+0(SB), OUT, OUT; \
	VMULPD ·exprelTab+256(SB), Z, T1; \
	VADDPD ·exprelTab+192(SB), T1, T1; \
	VMULPD T1, Z2, T1; \
	VADDPD T1, OUT, OUT; \
	VMULPD ·exprelTab+384(SB), Z, T1; \
	VADDPD ·exprelTab+320(SB), T1, T1; \
	VMULPD ·exprelTab+512(SB), Z, T2; \
	VADDPD ·exprelTab+448(SB), T2, T2; \
	VMULPD T2, Z2, T2; \
	VADDPD T2, T1, T1; \
	VMULPD T1, Z4, T1; \
	VADDPD T1, OUT, OUT; \
	VMULPD ·exprelTab+640(SB), Z, T1; \
	VADDPD ·exprelTab+576(SB), T1, T1; \
	VMULPD ·exprelTab+768(SB), Z, T2; \
	VADDPD ·exprelTab+704(SB), T2, T2; \
	VMULPD T2, Z2, T2; \
	VADDPD T2, T1, T1; \
	VMULPD ·exprelTab+896(SB), Z, T2; \
	VADDPD ·exprelTab+832(SB), T2, T2; \
	VMULPD ·exprelTab+1024(SB), Z, T3; \
	VADDPD ·exprelTab+960(SB), T3, T3; \
	VMULPD T3, Z2, T3; \
	VADDPD T3, T2, T2; \
	VMULPD ·exprelTab+1088(SB), Z4, T3; \
	VADDPD T3, T2, T2; \
	VMULPD T2, Z4, T2; \
	VADDPD T2, T1, T1; \
	VMULPD Z4, Z4, T2; \
	VMULPD T1, T2, T1; \
	VADDPD T1, OUT, OUT

// ABSMASK and HALF are exprelTab's sign-clearing mask and 1/2.
#define ABSMASK ·exprelTab+1152(SB)
#define HALF ·exprelTab+64(SB)

// FUSED_PROLOGUE loads a fused kernel's argument block (its only
// argument) into SI and the column pointers into R8–R13, DI and BX, and
// clears the neuron index AX.
#define FUSED_PROLOGUE \
	MOVQ a+0(FP), SI; \
	MOVQ fusedArgs_s0(SI), R8; \
	MOVQ fusedArgs_s1(SI), R9; \
	MOVQ fusedArgs_r0(SI), R10; \
	MOVQ fusedArgs_r1(SI), R11; \
	MOVQ fusedArgs_in(SI), R12; \
	MOVQ fusedArgs_v(SI), R13; \
	MOVQ fusedArgs_last(SI), DI; \
	MOVQ fusedArgs_out(SI), BX; \
	XORQ AX, AX

// FIRED_SAVE and FIRED_BIT append lo + i + b to the fired list for every
// set bit b of DX (the group's spikes, i = AX); CX counts the appended
// indices. Use them as
//
//	FIRED_SAVE
//	bit:
//	FIRED_BIT(bit)
//	FIRED_RESTORE
#define FIRED_SAVE \
	MOVQ DI, fusedArgs_spill+0(SI); \
	MOVQ R13, fusedArgs_spill+8(SI); \
	MOVQ fusedArgs_nfired(SI), CX; \
	MOVQ fusedArgs_fired(SI), DI

#define FIRED_BIT(label) \
	BSFQ DX, R13; \
	ADDQ AX, R13; \
	ADDQ fusedArgs_lo(SI), R13; \
	MOVL R13, (DI)(CX*4); \
	INCQ CX; \
	LEAQ -1(DX), R13; \
	ANDQ R13, DX; \
	JNZ  label

#define FIRED_RESTORE \
	MOVQ CX, fusedArgs_nfired(SI); \
	MOVQ fusedArgs_spill+0(SI), DI; \
	MOVQ fusedArgs_spill+8(SI), R13

// The kernels' shared steps. Their registers: AX the neuron index, SI
// the argument block, R8/R9 the conductances, R10/R11 the ring slots,
// R12 the inputs, R13 V, DI the last spike times, BX the spike outputs.
// AVX2 kernels keep 0 in Y13, the NaN detector in Y14, V_th in Y9,
// 1/(V_th − V_reset) in Y10, t in Y11 and the hard-reset mask in Y15;
// AVX-512 kernels keep d0, d1, e0, e1, bias, R, V_rest in Z16–Z22, V_th,
// 1/(V_th − V_reset), V_reset, V_th − V_reset, t, tau_ref in Z24–Z29, 0
// in Z31, the NaN detector in Z15, the spike-output permutations in
// Z13/Z14, the even lanes in K6 and the hard-reset mask in K7.

// GROUP_LEFT(lanes) jumps to done when fewer than lanes neurons are left.
#define GROUP_LEFT(lanes) \
	MOVQ fusedArgs_n(SI), DX; \
	SUBQ AX, DX; \
	CMPQ DX, $lanes; \
	JLT  done

// NEXT_GROUP(lanes) advances the index and the strided pointers by a
// group and loops.
#define NEXT_GROUP(lanes) \
	ADDQ $lanes, AX; \
	ADDQ $(24*lanes), R12; \
	ADDQ $(16*lanes), BX; \
	JMP  loop

// INPUT_ZERO4 and INPUT_ZERO8 jump to done (the group is left to Go)
// when the group's Input is not all zero bits.
#define INPUT_ZERO4 \
	VMOVUPD 0(R12), Y0; \
	VORPD   32(R12), Y0, Y0; \
	VORPD   64(R12), Y0, Y0; \
	VPTEST  Y0, Y0; \
	JNZ     done

#define INPUT_ZERO8 \
	VMOVUPD  0(R12), Z0; \
	VPORQ    64(R12), Z0, Z0; \
	VPORQ    128(R12), Z0, Z0; \
	VPTESTMQ Z0, Z0, K1; \
	KORTESTW K1, K1; \
	JNZ      done

// CHANNELS(G0, G1, D0, D1) loads both channels' conductances and sets
// G0 = G·d0 + ring0, G1 = G·d1 + ring1 (nothing stored).
#define CHANNELS(G0, G1, D0, D1) \
	VMOVUPD (R8)(AX*8), G0; \
	VMOVUPD (R9)(AX*8), G1; \
	VMULPD  D0, G0, G0; \
	VADDPD  (R10)(AX*8), G0, G0; \
	VMULPD  D1, G1, G1; \
	VADDPD  (R11)(AX*8), G1, G1

// STORE_CHANNELS(G0, G1, ZERO, T, NAN) stores them, clears the ring
// slots and adds G·0 to NAN (NaN once a conductance is not finite).
#define STORE_CHANNELS(G0, G1, ZERO, T, NAN) \
	VMOVUPD ZERO, (R10)(AX*8); \
	VMOVUPD ZERO, (R11)(AX*8); \
	VMOVUPD G0, (R8)(AX*8); \
	VMOVUPD G1, (R9)(AX*8); \
	VMULPD  ZERO, G0, T; \
	VADDPD  T, NAN, NAN; \
	VMULPD  ZERO, G1, T; \
	VADDPD  T, NAN, NAN

// RESET4(V, RC) and RESET8 reset V where (V − V_th)·inv >= 0 (ordered):
// V −= hard ? V − V_reset : V_th − V_reset (RC, Y1, Y2 scratch; AVX-512:
// the spike mask in K1, Z1, Z2 scratch).
#define RESET4(V, RC) \
	VSUBPD    Y9, V, Y1; \
	VMULPD    Y10, Y1, Y1; \
	VCMPPD    $0x1d, Y13, Y1, Y1; \
	VSUBPD    fusedArgs_rs(SI), V, Y2; \
	VMOVUPD   fusedArgs_resetC(SI), RC; \
	VBLENDVPD Y15, Y2, RC, Y2; \
	VSUBPD    Y2, V, Y2; \
	VBLENDVPD Y1, Y2, V, V

#define RESET8 \
	VSUBPD    Z24, Z0, Z1; \
	VMULPD    Z25, Z1, Z1; \
	VCMPPD    $0x1d, Z31, Z1, K1; \
	VSUBPD    Z26, Z0, Z2; \
	VBLENDMPD Z2, Z27, K7, Z2; \
	VSUBPD    Z2, Z0, K1, Z0

// SPIKES4 stores V (Y0), adds V·0 to Y14 and, without a spike in the
// group, writes S = DSdV = 0; with one it jumps to fire with the spike
// mask in Y1 and its bits in DX (FIRE4 writes the outputs).
#define SPIKES4 \
	VMOVUPD   Y0, (R13)(AX*8); \
	VMULPD    Y13, Y0, Y1; \
	VADDPD    Y1, Y14, Y14; \
	VSUBPD    Y9, Y0, Y1; \
	VMULPD    Y10, Y1, Y1; \
	VCMPPD    $0x1d, Y13, Y1, Y1; \
	VMOVMSKPD Y1, DX; \
	TESTQ     DX, DX; \
	JNZ       fire; \
	VMOVUPD   Y13, 0(BX); \
	VMOVUPD   Y13, 32(BX)

// FIRE4 writes S = 1 where the mask Y1 is set (DSdV = 0) and t_last = t
// there.
#define FIRE4 \
	VANDPD     fusedArgs_one(SI), Y1, Y2; \
	VUNPCKLPD  Y13, Y2, Y3; \
	VUNPCKHPD  Y13, Y2, Y4; \
	VPERM2F128 $0x20, Y4, Y3, Y5; \
	VPERM2F128 $0x31, Y4, Y3, Y6; \
	VMOVUPD    Y5, 0(BX); \
	VMOVUPD    Y6, 32(BX); \
	VMOVUPD    (DI)(AX*8), Y7; \
	VBLENDVPD  Y1, Y11, Y7, Y7; \
	VMOVUPD    Y7, (DI)(AX*8)

// SPIKES8 stores V (Z0), adds V·0 to Z15 and, without a spike in the
// group, writes S = DSdV = 0; with one it jumps to fire with the spike
// mask in K1 (FIRE8 writes the outputs).
#define SPIKES8 \
	VMOVUPD  Z0, (R13)(AX*8); \
	VMULPD   Z31, Z0, Z1; \
	VADDPD   Z1, Z15, Z15; \
	VSUBPD   Z24, Z0, Z1; \
	VMULPD   Z25, Z1, Z1; \
	VCMPPD   $0x1d, Z31, Z1, K1; \
	KORTESTW K1, K1; \
	JNZ      fire; \
	VMOVUPD  Z31, 0(BX); \
	VMOVUPD  Z31, 64(BX)

// FIRE8 writes S = 1 where K1 (DSdV = 0) and t_last = t there, and puts
// the spike bits in DX.
#define FIRE8 \
	VBROADCASTSD fusedArgs_one(SI), Z2; \
	VMOVAPD.Z    Z2, K1, Z2; \
	VPERMPD.Z    Z2, Z13, K6, Z3; \
	VPERMPD.Z    Z2, Z14, K6, Z4; \
	VMOVUPD      Z3, 0(BX); \
	VMOVUPD      Z4, 64(BX); \
	VMOVUPD      Z28, K1, (DI)(AX*8); \
	KMOVW        K1, DX

// CONSTS8 loads the AVX-512 kernels' shared constants (above).
#define CONSTS8 \
	VBROADCASTSD fusedArgs_d0(SI), Z16; \
	VBROADCASTSD fusedArgs_d1(SI), Z17; \
	VBROADCASTSD fusedArgs_e0(SI), Z18; \
	VBROADCASTSD fusedArgs_e1(SI), Z19; \
	VBROADCASTSD fusedArgs_bias(SI), Z20; \
	VBROADCASTSD fusedArgs_r(SI), Z21; \
	VBROADCASTSD fusedArgs_rest(SI), Z22; \
	VBROADCASTSD fusedArgs_th(SI), Z24; \
	VBROADCASTSD fusedArgs_inv(SI), Z25; \
	VBROADCASTSD fusedArgs_rs(SI), Z26; \
	VBROADCASTSD fusedArgs_resetC(SI), Z27; \
	VBROADCASTSD fusedArgs_tms(SI), Z28; \
	VBROADCASTSD fusedArgs_ref(SI), Z29; \
	VPXORQ       Z31, Z31, Z31; \
	VPXORQ       Z15, Z15, Z15; \
	VMOVUPD      ·permIdx+0(SB), Z13; \
	VMOVUPD      ·permIdx+64(SB), Z14; \
	MOVL         $0x55, DX; \
	KMOVW        DX, K6; \
	MOVQ         fusedArgs_hard(SI), DX; \
	KMOVW        DX, K7

// CONSTS4 loads the AVX2 kernels' register constants (above).
#define CONSTS4 \
	VXORPD  Y13, Y13, Y13; \
	VXORPD  Y14, Y14, Y14; \
	VMOVUPD fusedArgs_th(SI), Y9; \
	VMOVUPD fusedArgs_inv(SI), Y10; \
	VMOVUPD fusedArgs_tms(SI), Y11; \
	VMOVUPD fusedArgs_hard(SI), Y15

// DONE4 and DONE8 report how far the kernel got and whether a value
// became NaN or infinite, and return.
#define DONE4 \
	VCMPPD    $0x03, Y14, Y14, Y14; \
	VMOVMSKPD Y14, DX; \
	MOVQ      DX, fusedArgs_bad(SI); \
	MOVQ      AX, fusedArgs_done(SI); \
	VZEROUPPER; \
	RET

#define DONE8 \
	VCMPPD $0x03, Z15, Z15, K1; \
	KMOVW  K1, DX; \
	MOVQ   DX, fusedArgs_bad(SI); \
	MOVQ   AX, fusedArgs_done(SI); \
	VZEROUPPER; \
	RET
