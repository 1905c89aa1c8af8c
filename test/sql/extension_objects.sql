-- The definitions of the extension's objects, one line each in a fixed
-- order, for comparing an updated installation with a fresh one.  Each member object contributes its
-- identity, its comment, its privileges and what defines it: a function's
-- body, flags, settings and (for an aggregate) support functions; a table's
-- or view's columns, constraints, options and query; a type's I/O and
-- layout or enum labels; an operator's function and properties; an
-- operator class's members; a cast's function.  The extension's own row
-- (schema, configuration tables and their filters) joins the digest.
SELECT definition
FROM (
	SELECT pg_describe_object(d.classid, d.objid, 0)
	       || coalesce(' ' || (SELECT concat_ws(' ', p.prosrc, p.provolatile, p.proparallel, p.proisstrict,
	                                            p.prosecdef, p.proretset, p.prokind, p.proconfig::text,
	                                            p.proacl::text, p.prorettype::regtype,
	                                            pg_get_function_arguments(p.oid),
	                                            (SELECT concat_ws(' ', a.aggtransfn, a.aggfinalfn, a.aggcombinefn,
	                                                              a.aggserialfn, a.aggdeserialfn, a.aggmtransfn,
	                                                              a.aggminvtransfn, a.aggmfinalfn, a.aggtranstype::regtype,
	                                                              a.aggmtranstype::regtype, a.aggfinalmodify,
	                                                              a.aggmfinalmodify, a.aggtransspace, a.agginitval,
	                                                              a.aggfinalextra, a.aggkind)
	                                             FROM pg_aggregate a WHERE a.aggfnoid = p.oid))
	                           FROM pg_proc p WHERE d.classid = 'pg_proc'::regclass AND p.oid = d.objid), '')
	       || coalesce(' ' || (SELECT concat_ws(' ', c.relkind, c.relacl::text, c.reloptions::text,
	                                            (SELECT string_agg(concat_ws(':', a.attname, format_type(a.atttypid, a.atttypmod),
	                                                                         a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid)),
	                                                               ',' ORDER BY a.attnum)
	                                             FROM pg_attribute a
	                                             LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
	                                             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
	                                            (SELECT string_agg(conname || ' ' || pg_get_constraintdef(k.oid), ',' ORDER BY conname)
	                                             FROM pg_constraint k WHERE k.conrelid = c.oid),
	                                            (SELECT string_agg(pg_get_indexdef(i.indexrelid), ',' ORDER BY 1)
	                                             FROM pg_index i WHERE i.indrelid = c.oid),
	                                            CASE WHEN c.relkind = 'v' THEN pg_get_viewdef(c.oid) END)
	                           FROM pg_class c WHERE d.classid = 'pg_class'::regclass AND c.oid = d.objid), '')
	       || coalesce(' ' || (SELECT concat_ws(' ', t.typinput, t.typoutput, t.typreceive, t.typsend, t.typlen,
	                                            t.typalign, t.typstorage, t.typcategory, t.typacl::text,
	                                            (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
	                                             FROM pg_enum e WHERE e.enumtypid = t.oid))
	                           FROM pg_type t WHERE d.classid = 'pg_type'::regclass AND t.oid = d.objid), '')
	       || coalesce(' ' || (SELECT concat_ws(' ', o.oprcode, o.oprcom::regoperator, o.oprnegate::regoperator,
	                                            o.oprrest, o.oprjoin, o.oprcanhash, o.oprcanmerge)
	                           FROM pg_operator o WHERE d.classid = 'pg_operator'::regclass AND o.oid = d.objid), '')
	       || coalesce(' ' || (SELECT concat_ws(' ', oc.opcdefault, oc.opcintype::regtype,
	                                            (SELECT string_agg(concat_ws(':', amop.amopstrategy, amop.amopopr::regoperator), ',' ORDER BY 1)
	                                             FROM pg_amop amop WHERE amop.amopfamily = oc.opcfamily),
	                                            (SELECT string_agg(concat_ws(':', amproc.amprocnum, amproc.amproc::regprocedure), ',' ORDER BY 1)
	                                             FROM pg_amproc amproc WHERE amproc.amprocfamily = oc.opcfamily))
	                           FROM pg_opclass oc WHERE d.classid = 'pg_opclass'::regclass AND oc.oid = d.objid), '')
	       || coalesce(' ' || (SELECT concat_ws(' ', k.castfunc::regprocedure, k.castcontext, k.castmethod)
	                           FROM pg_cast k WHERE d.classid = 'pg_cast'::regclass AND k.oid = d.objid), '')
	       || coalesce(' ' || obj_description(d.objid, d.classid::regclass::text), '') AS definition
	FROM pg_depend d
	WHERE d.refclassid = 'pg_extension'::regclass
	  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cxvalue')
	  AND d.deptype = 'e'
	UNION ALL
	SELECT concat_ws(' ', 'extension', e.extname, e.extnamespace::regnamespace, e.extrelocatable,
	                 e.extconfig::regclass[]::text, e.extcondition::text)
	FROM pg_extension e WHERE e.extname = 'cxvalue'
) AS objects
ORDER BY definition;
