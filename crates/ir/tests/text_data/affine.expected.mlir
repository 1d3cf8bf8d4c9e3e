#map = affine_map<(d0, d1)[s0, s1] -> ()>
#map1 = affine_map<(d0, d1, d2) -> (-2)>
#map2 = affine_map<(d0, d1, d2)[s0, s1] -> (d1)>
#map3 = affine_map<(d0)[s0] -> ()>
#map4 = affine_map<(d0)[s0, s1] -> (-5)>
#map5 = affine_map<(d0, d1, d2)[s0] -> ()>
#map6 = affine_map<()[s0, s1] -> (4, (s0 * -2) ceildiv 8, s0 mod -1 + s1 - -12 mod -1)>
#map7 = affine_map<(d0, d1, d2) -> (((0 ceildiv 0) ceildiv 3) * -3, d1, -5 ceildiv 0)>
#map8 = affine_map<(d0)[s0] -> (3)>
#map9 = affine_map<(d0)[s0] -> ((d0 + s0) ceildiv 3, s0 mod 6)>
#map10 = affine_map<(d0) -> ()>
#map11 = affine_map<(d0)[s0, s1] -> (((2 ceildiv s0) * s0) mod s1, (d0 + -s1 - 4) mod s1 + 8, d0)>
#map12 = affine_map<(d0)[s0, s1] -> (d0, (s1 floordiv s1) * 3 - (s1 mod s1) ceildiv -1, -(d0 ceildiv s0) + 1)>
#map13 = affine_map<() -> (3)>
#map14 = affine_map<(d0, d1)[s0, s1] -> (0, (-(d1 ceildiv 2) - 1) floordiv -2)>
#map15 = affine_map<(d0, d1, d2) -> (d1 * -3 - 9, 4, d1)>
#map16 = affine_map<(d0, d1)[s0] -> (s0 * s0, (d1 floordiv -1 + d1) floordiv 0, (-d1) mod s0 - (d0 * s0) mod 2 - 4)>
#map17 = affine_map<(d0, d1, d2) -> ()>
#map18 = affine_map<(d0, d1, d2)[s0] -> (d1, s0, s0)>
#map19 = affine_map<(d0, d1)[s0, s1] -> (d1, 9, d1)>
#map20 = affine_map<(d0, d1, d2)[s0] -> (d0, (-(2 ceildiv s0)) floordiv 0)>
#map21 = affine_map<(d0, d1)[s0, s1] -> (9, s0, (d1 - -1 ceildiv s1) mod -2)>
#map22 = affine_map<(d0) -> ((d0 * 8 - 2) ceildiv 0, 3, (d0 + d0 mod 4) floordiv 4 + 12)>
#map23 = affine_map<(d0, d1, d2) -> (7, 0)>
#map24 = affine_map<(d0, d1)[s0] -> (-d1 + s0 - s0 + s0 - d1 - s0 - d0 + 4, s0)>
#map25 = affine_map<()[s0, s1] -> ()>
#map26 = affine_map<() -> (-5, 2)>
#map27 = affine_map<(d0, d1, d2) -> (-((d2 - d1) mod 0), 1, d0)>
#map28 = affine_map<(d0)[s0, s1] -> (d0 ceildiv 3 + d0 floordiv -2, s0, d0)>
#map29 = affine_map<(d0, d1)[s0] -> (d1)>
#map30 = affine_map<()[s0] -> ((s0 mod 2) ceildiv -3)>
#map31 = affine_map<(d0)[s0] -> (d0, (-s0) ceildiv s0 + 1)>
#map32 = affine_map<() -> ((7 floordiv 0) * 9, 2)>
#map33 = affine_map<(d0, d1, d2)[s0, s1] -> ()>
#map34 = affine_map<(d0) -> (d0 - 15 mod -3 - 6)>
#map35 = affine_map<(d0)[s0] -> (s0, d0 * s0 + s0, s0)>
#map36 = affine_map<()[s0] -> (0)>
#map37 = affine_map<(d0, d1)[s0] -> ((s0 ceildiv s0) * s0)>
#map38 = affine_map<(d0, d1, d2) -> (-(-5 mod 0))>
#map39 = affine_map<()[s0, s1] -> (s1)>
#map40 = affine_map<(d0, d1)[s0, s1] -> (-s0, ((s0 * s1) * 5) floordiv s0, ((-s0) floordiv 3) mod s1)>
#map41 = affine_map<(d0, d1, d2)[s0, s1] -> ((-d0) floordiv s1 + (d2 * 2) mod 4, ((-d2) floordiv s1) * -4 - 1)>
#map42 = affine_map<(d0, d1, d2)[s0] -> (d1 mod -2)>
#map43 = affine_map<()[s0] -> (-1, s0)>
#map44 = affine_map<(d0, d1) -> (-3, 3)>
#map45 = affine_map<(d0, d1, d2) -> (-1, 2, d2 mod 4 - 3)>
#map46 = affine_map<(d0)[s0] -> ((d0 mod 4) * s0 + 9, 9, ((d0 * 2) ceildiv 8 + 3) mod 2)>
#map47 = affine_map<(d0, d1, d2) -> (1, d1, 0)>
#map48 = affine_map<()[s0] -> (s0 ceildiv s0, s0, s0)>
#map49 = affine_map<() -> ()>
#map50 = affine_map<() -> ((4 mod -2) ceildiv -1, -1, 2)>
#map51 = affine_map<(d0, d1, d2)[s0] -> (4)>
#map52 = affine_map<()[s0] -> ((((s0 mod 0) floordiv 0) mod s0) mod -1)>
#map53 = affine_map<(d0)[s0] -> (8, s0)>
#map54 = affine_map<(d0, d1) -> (-(d0 ceildiv -2), 24)>
#map55 = affine_map<(d0, d1, d2) -> (6, 3, 9)>
#map56 = affine_map<() -> (0)>
#map57 = affine_map<(d0)[s0] -> (((d0 mod -2) mod 2 + s0) ceildiv 0)>
#map58 = affine_map<(d0) -> (d0 * -2 - 1)>
#map59 = affine_map<(d0)[s0] -> (((d0 floordiv s0) * -4) mod -3, d0 - s0, 9 floordiv s0)>
#map60 = affine_map<(d0, d1) -> ((d0 floordiv 4 - 4) * -12, (d0 + 3) * 3)>
#map61 = affine_map<()[s0, s1] -> (s0, -4)>
#map62 = affine_map<()[s0] -> (3 floordiv 0, -6, s0)>
#map63 = affine_map<(d0, d1, d2)[s0] -> (d1 ceildiv s0 - 4, d2 ceildiv s0, (0 mod -2) * -6)>
#map64 = affine_map<(d0, d1) -> (d0 floordiv 7, 0)>
#map65 = affine_map<() -> (4, 3)>
#map66 = affine_map<()[s0, s1] -> ((s1 - 5) mod 7, -s0)>
#map67 = affine_map<(d0) -> (2)>
#map68 = affine_map<(d0, d1) -> (2, 39)>
#map69 = affine_map<(d0, d1, d2) -> (1)>
#map70 = affine_map<()[s0] -> ()>
#map71 = affine_map<()[s0, s1] -> ((s1 + s1 mod s0 - s1 mod 3) ceildiv s1)>
#map72 = affine_map<(d0, d1) -> (((d1 + 4) floordiv 6) floordiv 4)>
#map73 = affine_map<(d0, d1)[s0] -> (5, s0 * -4, d0)>
#map74 = affine_map<(d0, d1)[s0] -> (s0 * 8)>
#map75 = affine_map<(d0) -> (3, 6)>
#map76 = affine_map<(d0, d1)[s0, s1] -> ((d1 + s0) ceildiv s0)>
#map77 = affine_map<(d0, d1)[s0] -> (s0 floordiv -2 - 9, d1 * s0, s0)>
#map78 = affine_map<(d0, d1)[s0] -> (((-d1) ceildiv 2) * -4, s0 mod s0, 6)>
#map79 = affine_map<()[s0, s1] -> (-(((s1 floordiv s0) ceildiv 5) floordiv 4), 0)>
#map80 = affine_map<(d0, d1)[s0] -> ((-s0) floordiv 0, s0)>
#map81 = affine_map<() -> (5, 2, 2)>
#map82 = affine_map<()[s0] -> (s0 - (-(s0 * s0)) mod 0)>
#map83 = affine_map<() -> (4, -2, 0)>
#map84 = affine_map<(d0, d1) -> ()>
#map85 = affine_map<(d0)[s0, s1] -> (s1, d0)>
#map86 = affine_map<(d0, d1)[s0] -> ()>
#map87 = affine_map<(d0)[s0, s1] -> ((d0 * s0) mod 0 + ((0 mod 0) floordiv 6) floordiv -3, (((-4 mod -3) floordiv s1) * s0) floordiv -1)>
#map88 = affine_map<(d0, d1) -> (d1, -1, ((d0 floordiv 0 + d1) floordiv 4) mod 4)>
#map89 = affine_map<(d0, d1) -> (0)>
#map90 = affine_map<(d0, d1)[s0] -> ((d1 mod s0 - s0 floordiv s0) floordiv s0, s0, d1 ceildiv -2)>
#map91 = affine_map<()[s0, s1] -> (-(((-1 mod s1) mod 2) mod 4) + 7, s0, s1)>
#map92 = affine_map<(d0)[s0, s1] -> ((-s0) floordiv s1)>
#map93 = affine_map<(d0, d1, d2)[s0] -> (d1, d1 + -5 ceildiv s0 - s0 ceildiv s0 - d1 mod s0)>
#map94 = affine_map<(d0)[s0] -> (d0, s0 mod 6, d0)>
#map95 = affine_map<(d0)[s0] -> (d0 * 2, d0)>
#map96 = affine_map<(d0, d1, d2)[s0, s1] -> ((d2 floordiv -3 - d1 ceildiv s1) mod s0)>
#map97 = affine_map<(d0, d1)[s0] -> (((d1 - d0) floordiv s0) floordiv -1 - s0)>
#map98 = affine_map<(d0, d1)[s0, s1] -> (s0, ((-s0 + 4) ceildiv s1) floordiv -3)>
#map99 = affine_map<(d0) -> ((d0 * 24) mod -2 + 5, -1)>
#map100 = affine_map<()[s0, s1] -> (s0 - s1, -5)>
#map101 = affine_map<(d0, d1, d2) -> (0)>
#map102 = affine_map<(d0)[s0, s1] -> (d0 ceildiv s1 + 2 ceildiv s0 - d0, -s1)>
#map103 = affine_map<(d0, d1, d2)[s0] -> (8, d0, -5 mod 0)>
#map104 = affine_map<() -> (-7)>
#map105 = affine_map<(d0, d1) -> (((-(d1 mod 6)) ceildiv 3) ceildiv 5)>
#map106 = affine_map<(d0) -> (((-4 mod -1) * 3 + (0 mod -1) ceildiv 4) ceildiv 0)>
#map107 = affine_map<()[s0] -> ((s0 mod 6 + s0 mod s0) mod 4, s0, (s0 * -9 - 2) mod 6)>
#map108 = affine_map<() -> (-4, 5)>
#map109 = affine_map<(d0, d1)[s0] -> (s0)>
#map110 = affine_map<(d0) -> (3)>
#map111 = affine_map<(d0) -> (d0 ceildiv -2, 7, ((d0 * 3 + 4) * 3) ceildiv 4)>
#map112 = affine_map<(d0)[s0, s1] -> (7, s1 + s0 floordiv s0 + 2, -1)>
#map113 = affine_map<(d0, d1, d2)[s0, s1] -> (d2, d0 floordiv 3, -d0 - (-s0) mod s0 + 7)>
#map114 = affine_map<(d0, d1, d2) -> (12, 6)>
#map115 = affine_map<(d0, d1, d2) -> (-(4 mod -3) + 2, d2, ((d0 - 1) * 3) mod -3)>
#map116 = affine_map<(d0)[s0, s1] -> ((s1 ceildiv s1) * s1 + 5)>
#map117 = affine_map<(d0)[s0, s1] -> ()>
#map118 = affine_map<(d0)[s0] -> (s0, (-d0) floordiv s0, -(s0 * 6 + 4))>
#map119 = affine_map<(d0, d1)[s0, s1] -> (-((-(d0 - s1)) floordiv 5) + s1 mod s1, -((d1 ceildiv -3 + s0) ceildiv s1) + 3, -4)>
#map120 = affine_map<(d0)[s0, s1] -> (s1, ((d0 * (-s0)) * -3) ceildiv 6)>
#map121 = affine_map<(d0)[s0, s1] -> (d0 * 3 - s0, s0, -((s0 mod -3) floordiv -3) + 1)>
#map122 = affine_map<(d0, d1)[s0] -> (9223372036854775807 * 2)>
#map123 = affine_map<(d0, d1)[s0] -> (d0 * -2)>
#map124 = affine_map<(d0, d1)[s0] -> (d0 - -9223372036854775808)>
#map125 = affine_map<(d0, d1)[s0] -> (d0 * -9223372036854775807)>
#map126 = affine_map<(d0, d1)[s0] -> ((d0 * s0) * 9223372036854775807)>
#map127 = affine_map<(d0, d1)[s0] -> (d0 + d1 + 9223372036854775807)>
#map128 = affine_map<(d0, d1)[s0] -> (-9223372036854775808)>
#map129 = affine_map<(d0, d1)[s0] -> (-9223372036854775808 floordiv -1)>
#map130 = affine_map<(d0, d1)[s0] -> (--9223372036854775808)>
#map131 = affine_map<(d0, d1)[s0] -> (d0 * -9223372036854775808)>
#map132 = affine_map<(d0, d1)[s0] -> (-9223372036854775808 ceildiv -1)>
#map133 = affine_map<(d0, d1)[s0] -> (1)>
#map134 = affine_map<(d0, d1)[s0] -> (d0 - -9223372036854775808)>
#map135 = affine_map<(d0, d1)[s0] -> (d0)>
#map136 = affine_map<(d0, d1)[s0] -> (0)>
#map137 = affine_map<(d0, d1)[s0] -> ((((d0 * 8) mod 16) floordiv 3) mod 2)>
#map138 = affine_map<(d0, d1)[s0] -> (d0 - s0 * -9223372036854775808)>
#map139 = affine_map<(d0, d1)[s0] -> (s0 * 5)>
#set = affine_set<(d0) : (-(d0 mod 8 - 15) == 0)>
#set1 = affine_set<(d0, d1, d2) : (d1 floordiv 4 - ((-d2 + d0 ceildiv -1) mod 3 - (-d2) mod 0) == 0, d2 * 3 - 54 >= 0, -d2 + 0 mod 0 >= 0)>
#set2 = affine_set<(d0)[s0, s1] : (d0 - (d0 * 2) mod -2 - d0 == 0, (d0 - 6) ceildiv 8 - s0 + s1 == 0)>
#set3 = affine_set<(d0)[s0] : (-d0 + s0 >= 0, -(d0 * s0) + s0 - s0 == 0)>
#set4 = affine_set<(d0) : (d0 * 3 - 3 >= 0, -d0 >= 0)>
#set5 = affine_set<(d0, d1)[s0] : (d1 - 0 floordiv s0 >= 0, s0 - s0 mod s0 >= 0)>
#set6 = affine_set<(d0)[s0, s1] : ((d0 * s1) * -3 - ((d0 mod 4) floordiv s0 - d0 + d0) floordiv -2 == 0, d0 + -s0 + s1 + d0 + 1 == 0)>
#set7 = affine_set<(d0, d1, d2)[s0] : ((((-d0 + 6) mod -1) floordiv s0) * -2 >= 0, -s0 - 3 >= 0, (d0 - s0 - 4) mod -3 - (d2 floordiv -3 - s0) >= 0)>
#set8 = affine_set<(d0, d1) : ((d1 + 2) * 3 + d0 * -2 + 6 == 0)>
#set9 = affine_set<(d0, d1)[s0, s1] : ((s0 + s1) mod s1 + (s0 floordiv s0) * 3 + 1 == 0, d0 - 1 >= 0)>
#set10 = affine_set<()[s0] : (s0 * -5 == 0)>
#set11 = affine_set<()[s0, s1] : (-(s0 - 1 ceildiv s1) >= 0, s1 - (s0 + ((-s1) floordiv s1) ceildiv s0) >= 0, s0 * (-s0) - s1 mod -2 >= 0)>
#set12 = affine_set<()[s0, s1] : (s0 - s0 ceildiv 4 == 0, -s1 - s0 >= 0, s1 floordiv 2 - s1 ceildiv s1 - 1 == 0)>
#set13 = affine_set<(d0, d1, d2)[s0, s1] : (d0 mod -1 - (s1 * -9) ceildiv s1 >= 0, d1 - (d0 mod s1 + 3) ceildiv -2 == 0)>
#set14 = affine_set<() : (23 >= 0, 2 >= 0)>
#set15 = affine_set<(d0) : (7 >= 0)>
#set16 = affine_set<()[s0] : ((8 mod 0) ceildiv s0 - (-s0) floordiv s0 == 0)>
#set17 = affine_set<(d0, d1, d2)[s0, s1] : (-d2 + -(s0 ceildiv 7) + 7 ceildiv s0 >= 0, ((-d2 - s0 * s0) ceildiv 0) ceildiv 6 - 3 >= 0)>
#set18 = affine_set<(d0)[s0, s1] : (d0 * s0 + s1 floordiv 4 - ((-s1) floordiv s0) ceildiv -1 >= 0, 3 ceildiv s0 - 5 >= 0, -4 mod -1 - s0 >= 0)>
#set19 = affine_set<(d0)[s0] : (s0 - 5 == 0)>
#set20 = affine_set<()[s0] : (0 == 0)>
#set21 = affine_set<(d0, d1)[s0] : ((-d0 + d1 + d1) * 5 == 0, d0 - (d0 * s0) * 21 >= 0, s0 - 2 >= 0)>
#set22 = affine_set<(d0, d1) : (d0 - (d0 floordiv 5) mod 4 >= 0, -12 == 0)>
#set23 = affine_set<(d0, d1) : (-5 >= 0)>
#set24 = affine_set<(d0, d1, d2)[s0, s1] : (0 == 0)>
#set25 = affine_set<(d0, d1)[s0] : (-((-d0) floordiv 5) + s0 - 5 - ((s0 * 9) mod -3) mod s0 >= 0, (-d0 + -5 ceildiv s0) ceildiv s0 + 2 >= 0)>
#set26 = affine_set<(d0, d1, d2)[s0] : (-25 >= 0, d0 - 4 == 0)>
#set27 = affine_set<() : (10 == 0)>
#set28 = affine_set<(d0, d1)[s0] : (d0 - ((d0 - s0 mod s0) ceildiv s0 + s0 * s0 + s0 - s0 + 9) - 1 == 0, -((-d0 + s0 + 3) ceildiv s0) + 1 >= 0, -((d1 + 1) ceildiv -2) + (s0 floordiv -1) ceildiv -2 - (d1 * 2 - s0 + s0) >= 0)>
#set29 = affine_set<()[s0] : (-(s0 floordiv s0) >= 0, s0 * 3 >= 0)>
#set30 = affine_set<() : (5 == 0, 22 == 0)>
#set31 = affine_set<() : ((-1 mod -2) ceildiv 4 - 2 >= 0, -9 >= 0)>
#set32 = affine_set<(d0)[s0] : ((d0 + s0 - 6) floordiv 2 + d0 ceildiv s0 == 0, (-s0 - 9) * s0 - s0 floordiv -1 == 0, -(d0 floordiv 8) - 5 == 0)>
#set33 = affine_set<(d0, d1)[s0, s1] : (d0 + 1 floordiv s1 - (-((d0 + 3) ceildiv 2) + s1) >= 0)>
#set34 = affine_set<() : (283 >= 0)>
#set35 = affine_set<(d0)[s0, s1] : (d0 mod 6 - 4 >= 0)>
#set36 = affine_set<(d0, d1) : (-(-d1 + 2) - 3 >= 0, d0 * 4 - 9 >= 0, -(d0 mod 8) - 5 >= 0)>
#set37 = affine_set<(d0)[s0, s1] : (-d0 + 4 == 0, -d0 + (4 floordiv s1) floordiv 7 == 0, 0 >= 0)>
#set38 = affine_set<(d0, d1)[s0, s1] : (d0 mod -1 + (d0 + s0 * s1) mod s1 - d1 * 4 == 0, -((((d1 + s1) floordiv 4) mod s1) floordiv s0) + ((-1 ceildiv s1) floordiv -1) * 2 >= 0, (d1 * 8 + d0) * s1 - d0 >= 0)>
#set39 = affine_set<()[s0, s1] : (s0 + (s1 - 5) mod s1 - ((s1 * (s0 mod s0)) floordiv 8 + ((s0 * s1) mod s1) floordiv s1) >= 0)>
#set40 = affine_set<(d0)[s0, s1] : (s1 >= 0, d0 * -2 >= 0, (-(d0 mod -1) + s0 * 3) ceildiv -2 - s1 == 0)>
#set41 = affine_set<(d0, d1)[s0] : (-d1 - s0 >= 0, -d1 - 3 >= 0, -((-(-s0 + 4)) floordiv 8 + s0 ceildiv 0) >= 0)>
#set42 = affine_set<(d0, d1, d2)[s0, s1] : ((-5 mod -1) ceildiv s0 - 7 >= 0, -9 >= 0)>
#set43 = affine_set<() : (8 >= 0, -1 >= 0, -7 == 0)>
#set44 = affine_set<(d0) : (-((-d0 - 1) floordiv 5) - d0 + 1 >= 0, 4 >= 0)>
#set45 = affine_set<(d0, d1, d2)[s0] : (d2 - (d0 mod 7) mod -3 >= 0, s0 + 3 == 0)>
#set46 = affine_set<(d0)[s0] : (-(-d0 + s0 - s0 mod 7 + s0 mod s0 - s0 * s0) + s0 == 0)>
#set47 = affine_set<(d0, d1, d2) : ((d1 ceildiv 4) * -2 + 20 >= 0, -(d1 mod 4) + 2 ceildiv 0 >= 0, (d0 floordiv 7) ceildiv -2 + 1 == 0)>
#set48 = affine_set<(d0, d1)[s0, s1] : (-((s1 ceildiv s1) mod 6) == 0, d0 - d0 mod s0 >= 0)>
#set49 = affine_set<(d0) : (-d0 >= 0, -(d0 ceildiv 2 + d0 + 2) >= 0)>
#set50 = affine_set<(d0, d1)[s0] : (-s0 - (s0 + (2 floordiv s0) * 2) ceildiv 4 >= 0, -d1 + s0 - s0 - d1 mod 6 + 1 == 0)>
#set51 = affine_set<(d0, d1, d2) : ((-(d1 + 6)) ceildiv 7 + 5 >= 0, ((3 floordiv 0) floordiv -2) ceildiv 4 >= 0)>
#set52 = affine_set<(d0, d1, d2)[s0] : (-(d0 mod s0 - s0 - d2 * 2) - (s0 ceildiv s0) * s0 == 0, -d0 + 4 >= 0, d1 * -7 - s0 * 5 >= 0)>
#set53 = affine_set<(d0, d1)[s0, s1] : (-((d1 * 2) mod -2 + (s1 * 2) mod s0) + s0 floordiv -2 + 4 == 0)>
#set54 = affine_set<(d0)[s0, s1] : (-((s0 floordiv -2) ceildiv -3) - 5 >= 0, -5 >= 0)>
"builtin.module"() ({
  "ut.a"() {x00 = #map, x01 = #map1, x02 = #map2, x03 = #map3, x04 = #map4, x05 = #set, x06 = #map5, x07 = #set1, x08 = #map6, x09 = #map7, x10 = #set2, x11 = #set3, x12 = #map8, x13 = #set4, x14 = #map9, x15 = #map10, x16 = #set5, x17 = #map11, x18 = #map12, x19 = #map13} : () -> ()
  "ut.a"() {x00 = #set6, x01 = #set7, x02 = #map14, x03 = #set8, x04 = #map15, x05 = #map16, x06 = #set9, x07 = #map17, x08 = #map18, x09 = #map19, x10 = #map20, x11 = #map21, x12 = #set10, x13 = #map22, x14 = #map5, x15 = #set11, x16 = #map23, x17 = #map24, x18 = #map25, x19 = #map26} : () -> ()
  "ut.a"() {x00 = #map27, x01 = #map28, x02 = #map29, x03 = #set12, x04 = #map30, x05 = #map31, x06 = #map32, x07 = #map33, x08 = #map34, x09 = #map35, x10 = #map36, x11 = #map37, x12 = #map38, x13 = #map39, x14 = #map5, x15 = #map40, x16 = #set13, x17 = #map41, x18 = #map42, x19 = #map43} : () -> ()
  "ut.a"() {x00 = #set14, x01 = #set15, x02 = #map44, x03 = #set16, x04 = #set17, x05 = #map45, x06 = #map46, x07 = #map47, x08 = #map48, x09 = #map49, x10 = #map50, x11 = #map51, x12 = #set18, x13 = #set19, x14 = #map25, x15 = #map52, x16 = #map53, x17 = #map54, x18 = #map5, x19 = #map55} : () -> ()
  "ut.a"() {x00 = #map56, x01 = #set20, x02 = #set21, x03 = #set22, x04 = #map57, x05 = #map58, x06 = #map25, x07 = #set23, x08 = #map59, x09 = #map60, x10 = #map61, x11 = #map25, x12 = #map62, x13 = #map25, x14 = #set24, x15 = #map63, x16 = #set25, x17 = #set26, x18 = #map64, x19 = #map65} : () -> ()
  "ut.a"() {x00 = #map66, x01 = #map33, x02 = #map67, x03 = #map3, x04 = #map5, x05 = #set27, x06 = #map68, x07 = #set28, x08 = #set29, x09 = #map69, x10 = #set30, x11 = #map70, x12 = #map71, x13 = #map72, x14 = #map73, x15 = #map74, x16 = #set31, x17 = #map, x18 = #set32, x19 = #map75} : () -> ()
  "ut.a"() {x00 = #map76, x01 = #map77, x02 = #map78, x03 = #map79, x04 = #map80, x05 = #set33, x06 = #set34, x07 = #set35, x08 = #set36, x09 = #map81, x10 = #set37, x11 = #set38, x12 = #map82, x13 = #map83, x14 = #set39, x15 = #map84, x16 = #set40, x17 = #map85, x18 = #map86, x19 = #map70} : () -> ()
  "ut.a"() {x00 = #map87, x01 = #map88, x02 = #map89, x03 = #map90, x04 = #map17, x05 = #set41, x06 = #map5, x07 = #set42, x08 = #set43, x09 = #map84, x10 = #map91, x11 = #map92, x12 = #map93, x13 = #map94, x14 = #set44, x15 = #map95, x16 = #map5, x17 = #set45, x18 = #map96, x19 = #map84} : () -> ()
  "ut.a"() {x00 = #map97, x01 = #set46, x02 = #map98, x03 = #map99, x04 = #map33, x05 = #map100, x06 = #map101, x07 = #map102, x08 = #map103, x09 = #map104, x10 = #map105, x11 = #map106, x12 = #map3, x13 = #map84, x14 = #map107, x15 = #map108, x16 = #map109, x17 = #map110, x18 = #map111, x19 = #map112} : () -> ()
  "ut.a"() {x00 = #set47, x01 = #set48, x02 = #map113, x03 = #set49, x04 = #map114, x05 = #map115, x06 = #map116, x07 = #set50, x08 = #set51, x09 = #map117, x10 = #map118, x11 = #map33, x12 = #map, x13 = #set52, x14 = #map117, x15 = #set53, x16 = #map119, x17 = #map120, x18 = #map121, x19 = #set54} : () -> ()
  "ut.edge"() {y00 = #map122, y01 = #map123, y02 = #map124, y03 = #map125, y04 = #map126, y05 = #map127, y06 = #map128, y07 = #map129, y08 = #map130, y09 = #map131, y10 = #map132, y11 = #map133, y12 = #map130, y13 = #map134, y14 = #map135, y15 = #map133, y16 = #map136, y17 = #map136, y18 = #map137, y19 = #map133, y20 = #map138, y21 = #map136, y22 = #map139} : () -> ()
}) : () -> ()

