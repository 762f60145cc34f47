# Managed by wgform: nginx of ${host.name}. Changes made here are overwritten.
# Include this file in a server block: it then listens on its ${service.plane} plane address only.
listen ${service.listen};
