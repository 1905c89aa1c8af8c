/*
 * citus.h
 *	  What cxvalue does differently when Citus is loaded (see citus.c).
 */
#ifndef CX_CITUS_H
#define CX_CITUS_H

extern int	cx_citus_begin_reference_read(void);
extern void cx_citus_end_reference_read(int nest_level);

#endif
