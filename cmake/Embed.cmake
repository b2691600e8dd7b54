# tafel_embed(TARGET NAME BASE_DIR FILES...) compiles the given files into TARGET as
# a table reachable through `tafel::embedded::NAME()` (see src/core/embedded_file.h).
# The generated source is rebuilt whenever one of the files changes.
function(tafel_embed target name base_dir)
  set(files ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_${name}.cc")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAME=${name} -DBASE=${base_dir} "-DFILES=${files}"
            -P "${PROJECT_SOURCE_DIR}/cmake/EmbedGenerate.cmake"
    DEPENDS ${files} "${PROJECT_SOURCE_DIR}/cmake/EmbedGenerate.cmake"
    COMMENT "Embedding ${name}"
    VERBATIM)
  target_sources(${target} PRIVATE "${out}")
endfunction()
