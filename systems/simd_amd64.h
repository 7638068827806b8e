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
