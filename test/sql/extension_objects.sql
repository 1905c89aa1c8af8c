-- The count of the extension's objects and a digest of their definitions,
-- stored in :prefix-named psql variables, for comparing an updated
-- installation with a fresh one.
SELECT count(*) AS objects,
       md5(string_agg(definition, E'\n' ORDER BY definition)) AS digest
FROM (
	SELECT pg_describe_object(d.classid, d.objid, 0)
	       || coalesce(' ' || (SELECT concat_ws(' ', p.prosrc, p.provolatile, p.proparallel,
	                                            p.proisstrict, p.prorettype::regtype,
	                                            pg_get_function_arguments(p.oid))
	                           FROM pg_proc p WHERE d.classid = 'pg_proc'::regclass AND p.oid = d.objid), '')
	       || coalesce(' ' || (SELECT concat_ws(' ', a.aggkind, a.aggtransfn, a.aggfinalfn, a.aggcombinefn,
	                                            a.aggserialfn, a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn,
	                                            a.aggmfinalfn, a.aggfinalextra, a.aggfinalmodify, a.aggsortop,
	                                            a.aggtranstype::regtype, a.aggtransspace, a.agginitval,
	                                            a.aggmtranstype::regtype, a.aggmtransspace, a.aggminitval)
	                           FROM pg_aggregate a WHERE d.classid = 'pg_proc'::regclass AND a.aggfnoid = d.objid), '')
	       || coalesce(' ' || obj_description(d.objid, d.classid::regclass::text), '') AS definition
	FROM pg_depend d
	WHERE d.refclassid = 'pg_extension'::regclass
	  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cxvalue')
	  AND d.deptype = 'e'
) AS objects \gset :prefix
