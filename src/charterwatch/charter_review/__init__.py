"""The charter review toolkit: what the people who run the five-yearly review need to see.

``charterwatch review DIR`` reports data gaps (commitments no measure evidences, measures
with no data lately), measures that duplicate each other, the burden on survey respondents
and on the teams that supply sources, and measures that never changed or are always
withheld: in the terminal and as an accessible HTML page (:mod:`.report`).
"""
