# Managed by wgform: node_exporter of ${host.name}. Changes made here are overwritten.
# node_exporter listens on its ${service.plane} plane address only.
ARGS="--web.listen-address=${service.listen}"
