# conflict_rules: the reference backend's collision rule (KVM's ioeventfd_check_collision):
# same A and (either size 0, or same size and (either `*` or equal data)); fd never matters.
# All tuples are added in one transaction in scrambled order; the commit adds D \ I in
# canonical order (A, size, no-match first, data, fd), so the canonically first of a
# colliding pair is installed and the other fails. 0x00: data differ, no conflict; 0x10:
# same data, fd 1 wins; 0x20: `*` wins over data; 0x30: size 0 wins over size 4; 0x40 and
# 0x50: different non-zero sizes never collide; 0x70/0x72: overlapping spans at different
# A never collide; 0x80: two size-0 tuples collide.
container sys 0x10000
space mem sys
mmio d 0x100
map sys d 0x1000
begin
eventfd-add d 0x00 4 0x2 1
eventfd-add d 0x00 4 0x1 2
eventfd-add d 0x10 4 0x1 2
eventfd-add d 0x10 4 0x1 1
eventfd-add d 0x20 4 0x1 1
eventfd-add d 0x20 4 * 2
eventfd-add d 0x30 4 0x1 1
eventfd-add d 0x30 0 * 2
eventfd-add d 0x40 4 0x1 2
eventfd-add d 0x40 2 0x1 1
eventfd-add d 0x50 2 * 2
eventfd-add d 0x50 1 * 1
eventfd-add d 0x70 4 * 1
eventfd-add d 0x72 2 * 2
eventfd-add d 0x80 0 * 2
eventfd-add d 0x80 0 * 1
commit
dump
