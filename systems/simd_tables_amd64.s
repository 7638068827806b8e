//go:build amd64 && !purego

#include "textflag.h"

// Constant tables of the vector kernels.

// exprelTab holds, each broadcast to four lanes (32 bytes apart): 1, 1/2,
// then the coefficients c1 … c16 = 1/(k+1)! of exprelScalar's series, and
// at 18 the mask that clears a float64's sign bit. Shared by
// exprel_amd64.s, fused_coba_amd64.s and fused_coba512_amd64.s.
DATA ·exprelTab+0(SB)/8, $0x3ff0000000000000
DATA ·exprelTab+8(SB)/8, $0x3ff0000000000000
DATA ·exprelTab+16(SB)/8, $0x3ff0000000000000
DATA ·exprelTab+24(SB)/8, $0x3ff0000000000000
DATA ·exprelTab+32(SB)/8, $0x3fe0000000000000
DATA ·exprelTab+40(SB)/8, $0x3fe0000000000000
DATA ·exprelTab+48(SB)/8, $0x3fe0000000000000
DATA ·exprelTab+56(SB)/8, $0x3fe0000000000000
DATA ·exprelTab+64(SB)/8, $0x3fe0000000000000
DATA ·exprelTab+72(SB)/8, $0x3fe0000000000000
DATA ·exprelTab+80(SB)/8, $0x3fe0000000000000
DATA ·exprelTab+88(SB)/8, $0x3fe0000000000000
DATA ·exprelTab+96(SB)/8, $0x3fc5555555555555
DATA ·exprelTab+104(SB)/8, $0x3fc5555555555555
DATA ·exprelTab+112(SB)/8, $0x3fc5555555555555
DATA ·exprelTab+120(SB)/8, $0x3fc5555555555555
DATA ·exprelTab+128(SB)/8, $0x3fa5555555555555
DATA ·exprelTab+136(SB)/8, $0x3fa5555555555555
DATA ·exprelTab+144(SB)/8, $0x3fa5555555555555
DATA ·exprelTab+152(SB)/8, $0x3fa5555555555555
DATA ·exprelTab+160(SB)/8, $0x3f81111111111111
DATA ·exprelTab+168(SB)/8, $0x3f81111111111111
DATA ·exprelTab+176(SB)/8, $0x3f81111111111111
DATA ·exprelTab+184(SB)/8, $0x3f81111111111111
DATA ·exprelTab+192(SB)/8, $0x3f56c16c16c16c17
DATA ·exprelTab+200(SB)/8, $0x3f56c16c16c16c17
DATA ·exprelTab+208(SB)/8, $0x3f56c16c16c16c17
DATA ·exprelTab+216(SB)/8, $0x3f56c16c16c16c17
DATA ·exprelTab+224(SB)/8, $0x3f2a01a01a01a01a
DATA ·exprelTab+232(SB)/8, $0x3f2a01a01a01a01a
DATA ·exprelTab+240(SB)/8, $0x3f2a01a01a01a01a
DATA ·exprelTab+248(SB)/8, $0x3f2a01a01a01a01a
DATA ·exprelTab+256(SB)/8, $0x3efa01a01a01a01a
DATA ·exprelTab+264(SB)/8, $0x3efa01a01a01a01a
DATA ·exprelTab+272(SB)/8, $0x3efa01a01a01a01a
DATA ·exprelTab+280(SB)/8, $0x3efa01a01a01a01a
DATA ·exprelTab+288(SB)/8, $0x3ec71de3a556c734
DATA ·exprelTab+296(SB)/8, $0x3ec71de3a556c734
DATA ·exprelTab+304(SB)/8, $0x3ec71de3a556c734
DATA ·exprelTab+312(SB)/8, $0x3ec71de3a556c734
DATA ·exprelTab+320(SB)/8, $0x3e927e4fb7789f5c
DATA ·exprelTab+328(SB)/8, $0x3e927e4fb7789f5c
DATA ·exprelTab+336(SB)/8, $0x3e927e4fb7789f5c
DATA ·exprelTab+344(SB)/8, $0x3e927e4fb7789f5c
DATA ·exprelTab+352(SB)/8, $0x3e5ae64567f544e4
DATA ·exprelTab+360(SB)/8, $0x3e5ae64567f544e4
DATA ·exprelTab+368(SB)/8, $0x3e5ae64567f544e4
DATA ·exprelTab+376(SB)/8, $0x3e5ae64567f544e4
DATA ·exprelTab+384(SB)/8, $0x3e21eed8eff8d898
DATA ·exprelTab+392(SB)/8, $0x3e21eed8eff8d898
DATA ·exprelTab+400(SB)/8, $0x3e21eed8eff8d898
DATA ·exprelTab+408(SB)/8, $0x3e21eed8eff8d898
DATA ·exprelTab+416(SB)/8, $0x3de6124613a86d09
DATA ·exprelTab+424(SB)/8, $0x3de6124613a86d09
DATA ·exprelTab+432(SB)/8, $0x3de6124613a86d09
DATA ·exprelTab+440(SB)/8, $0x3de6124613a86d09
DATA ·exprelTab+448(SB)/8, $0x3da93974a8c07c9d
DATA ·exprelTab+456(SB)/8, $0x3da93974a8c07c9d
DATA ·exprelTab+464(SB)/8, $0x3da93974a8c07c9d
DATA ·exprelTab+472(SB)/8, $0x3da93974a8c07c9d
DATA ·exprelTab+480(SB)/8, $0x3d6ae7f3e733b81f
DATA ·exprelTab+488(SB)/8, $0x3d6ae7f3e733b81f
DATA ·exprelTab+496(SB)/8, $0x3d6ae7f3e733b81f
DATA ·exprelTab+504(SB)/8, $0x3d6ae7f3e733b81f
DATA ·exprelTab+512(SB)/8, $0x3d2ae7f3e733b81f
DATA ·exprelTab+520(SB)/8, $0x3d2ae7f3e733b81f
DATA ·exprelTab+528(SB)/8, $0x3d2ae7f3e733b81f
DATA ·exprelTab+536(SB)/8, $0x3d2ae7f3e733b81f
DATA ·exprelTab+544(SB)/8, $0x3ce952c77030ad4a
DATA ·exprelTab+552(SB)/8, $0x3ce952c77030ad4a
DATA ·exprelTab+560(SB)/8, $0x3ce952c77030ad4a
DATA ·exprelTab+568(SB)/8, $0x3ce952c77030ad4a
DATA ·exprelTab+576(SB)/8, $0x7fffffffffffffff
DATA ·exprelTab+584(SB)/8, $0x7fffffffffffffff
DATA ·exprelTab+592(SB)/8, $0x7fffffffffffffff
DATA ·exprelTab+600(SB)/8, $0x7fffffffffffffff
GLOBL ·exprelTab(SB), RODATA|NOPTR, $608

// permIdx holds the AVX-512 permutation indices of the kernels' spike
// outputs (int64 lanes): at 0 and 64 where lanes 0–3 and 4–7 of a vector
// go in the even lanes of [S DSdV] pairs (0, 0, 1, 1, …).
DATA ·permIdx+0(SB)/8, $0
DATA ·permIdx+8(SB)/8, $0
DATA ·permIdx+16(SB)/8, $1
DATA ·permIdx+24(SB)/8, $1
DATA ·permIdx+32(SB)/8, $2
DATA ·permIdx+40(SB)/8, $2
DATA ·permIdx+48(SB)/8, $3
DATA ·permIdx+56(SB)/8, $3
DATA ·permIdx+64(SB)/8, $4
DATA ·permIdx+72(SB)/8, $4
DATA ·permIdx+80(SB)/8, $5
DATA ·permIdx+88(SB)/8, $5
DATA ·permIdx+96(SB)/8, $6
DATA ·permIdx+104(SB)/8, $6
DATA ·permIdx+112(SB)/8, $7
DATA ·permIdx+120(SB)/8, $7
GLOBL ·permIdx(SB), RODATA|NOPTR, $128
