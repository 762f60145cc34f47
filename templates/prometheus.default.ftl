# Managed by wgform: Prometheus of ${host.name}. Changes made here are overwritten.
# Prometheus listens on its ${service.plane} plane address only.
ARGS="--web.listen-address=${service.listen}"
